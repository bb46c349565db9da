import type { Page } from "playwright-core";
import type { NetworkEvent } from "./network-events";
import type { NetworkRecorder } from "./network-recorder";

type Ending = Extract<NetworkEvent, { kind: "response" } | { kind: "failure" }>;

/** How one navigation ended, as the browser's network events tell it. */
export interface NavigationOutcome {
  /** The DevTools request id; it stays the same across redirects, internal ones included. */
  readonly requestId: string;
  /** Index in the recorder's events of the navigation's first request. */
  readonly startIndex: number;
  /** The final response or the failure that ended the request. */
  readonly ending: Ending;
  /** Playwright's error when the navigation failed (e.g. a certificate error), kept for messages. */
  readonly error: string | undefined;
}

/**
 * Navigates `page` to `url` and waits on the browser's events until that navigation has ended, whether it
 * succeeded or not: a navigation that fails must fail the assertions about it, with the browser's view
 * of what happened, not abort the whole suite.
 */
export async function navigate(page: Page, network: NetworkRecorder, url: string): Promise<NavigationOutcome> {
  // The browser reports URLs normalized (`http://host:80/` becomes `http://host/`); match what it reports.
  const target = new URL(url).href;
  const before = network.events.length;
  const started = network.waitFor(`request for ${target}`, (event): event is Extract<NetworkEvent, { kind: "request" }> =>
    event.kind === "request" && event.resourceType === "Document" && event.url === target && network.events.indexOf(event) >= before,
  );
  let error: string | undefined;
  try {
    await page.goto(target);
  } catch (caught: unknown) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const request = await started;
  const { requestId } = request;
  const ending = await network.waitFor(
    `response or failure for request ${requestId} (${target})`,
    (event): event is Ending => (event.kind === "response" || event.kind === "failure") && event.requestId === requestId,
  );
  return { requestId, startIndex: network.events.indexOf(request), ending, error };
}
