/**
 * What the browser reported about a page's requests, reduced from the DevTools protocol's Network domain
 * events to the fields the HSTS check reads.
 */
export type NetworkEvent =
  | {
      /** `Network.requestWillBeSent` (also after each redirect): the browser starts a request. */
      readonly kind: "request";
      readonly requestId: string;
      readonly url: string;
      /** DevTools resource type: `Document` for a navigation, `Other` for the favicon, … */
      readonly resourceType: string;
    }
  | {
      /**
       * `Network.requestWillBeSent` with `redirectResponse`: the request `requestId` was redirected from
       * `fromUrl` to `toUrl`. For an HSTS upgrade the browser makes this response up itself
       * (`307 Internal Redirect`) and nothing is sent over the network.
       */
      readonly kind: "redirect";
      readonly requestId: string;
      readonly fromUrl: string;
      readonly toUrl: string;
      readonly status: number;
      readonly statusText: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | {
      /** `Network.responseReceived`: a final (non-redirect) response arrived for `url`. */
      readonly kind: "response";
      readonly requestId: string;
      readonly url: string;
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      /** `secure` only when the connection was HTTPS with a certificate the browser trusts. */
      readonly securityState: string;
    }
  | {
      /** `Network.loadingFailed`: e.g. a certificate error, a refused connection, or a blocked URL. */
      readonly kind: "failure";
      readonly requestId: string;
      readonly errorText: string;
      /** Set when the browser blocked the request itself, so nothing was sent. */
      readonly blockedReason: string | undefined;
    };

/** HTTP header names are case-insensitive; DevTools reports them as the server or browser spelled them. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The final responses received for `url`, oldest first. */
export function responsesFor(events: readonly NetworkEvent[], url: string): Extract<NetworkEvent, { kind: "response" }>[] {
  return events.filter((event): event is Extract<NetworkEvent, { kind: "response" }> => event.kind === "response" && event.url === url);
}

/** The redirects away from `url`, oldest first. */
export function redirectsFrom(events: readonly NetworkEvent[], url: string): Extract<NetworkEvent, { kind: "redirect" }>[] {
  return events.filter((event): event is Extract<NetworkEvent, { kind: "redirect" }> => event.kind === "redirect" && event.fromUrl === url);
}

/**
 * The URLs of the requests the browser actually sent to `hostName` among `events` (blocked ones are
 * not sent). `blockedIn` is searched for the block, which DevTools may report after the request.
 */
export function requestsSentTo(
  events: readonly NetworkEvent[],
  hostName: string,
  blockedIn: readonly NetworkEvent[] = events,
): string[] {
  const blocked = new Set(
    blockedIn.flatMap((event) => (event.kind === "failure" && event.blockedReason !== undefined ? [event.requestId] : [])),
  );
  return events.flatMap((event) =>
    event.kind === "request" && new URL(event.url).hostname === hostName && !blocked.has(event.requestId) ? [event.url] : [],
  );
}

/** One line per event, for failure messages that show what the browser actually did. */
export function describeEvents(events: readonly NetworkEvent[]): string {
  return events
    .map((event) => {
      switch (event.kind) {
        case "request":
          return `request  ${event.requestId} ${event.resourceType} ${event.url}`;
        case "redirect":
          return `redirect ${event.requestId} ${event.status} ${event.statusText} ${event.fromUrl} -> ${event.toUrl}`;
        case "response":
          return `response ${event.requestId} ${event.status} ${event.url} (${event.securityState})`;
        case "failure":
          return `failure  ${event.requestId} ${event.errorText}${event.blockedReason ? ` (blocked: ${event.blockedReason})` : ""}`;
      }
    })
    .join("\n");
}
