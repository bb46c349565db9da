/**
 * An event already written as JSON text (see proxy-event-json.ts): a function's pool hands the text to the
 * function as it is, where any other event is serialised with `JSON.stringify` first.
 */
export class EventJson {
  constructor(readonly text: string) {}
}

/** The JSON text a function receives for `event`: an {@link EventJson}'s own, any other's `JSON.stringify`. */
export function eventText(event: unknown): string {
  return event instanceof EventJson ? event.text : JSON.stringify(event);
}
