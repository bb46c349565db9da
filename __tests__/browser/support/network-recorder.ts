import type { CDPSession, Page } from "playwright-core";
import { describeEvents, type NetworkEvent } from "./network-events";

/** Records a page's document requests from the browser's own DevTools Network events. */
export interface NetworkRecorder {
  /** Every event so far, oldest first. */
  readonly events: readonly NetworkEvent[];
  /**
   * Resolves with the first event (recorded or still to come) that `matches`; rejects after `timeoutMs`
   * with the events seen so far, so a failure shows what the browser did instead.
   */
  waitFor<E extends NetworkEvent>(
    description: string,
    matches: (event: NetworkEvent) => event is E,
    timeoutMs?: number,
  ): Promise<E>;
  stop(): Promise<void>;
}

/** Properties of {@link recordNetwork}. */
export interface NetworkRecorderProps {
  /**
   * URL patterns (`*` wildcards) the browser must block rather than send, via `Network.setBlockedURLs`.
   * @default - nothing is blocked
   */
  readonly blockedUrls?: readonly string[];
}

/** Opens a DevTools session on `page` and records every request the page makes, navigations included. */
export async function recordNetwork(page: Page, props: NetworkRecorderProps = {}): Promise<NetworkRecorder> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const events: NetworkEvent[] = [];
  const waiters = new Set<(event: NetworkEvent) => void>();

  function record(event: NetworkEvent): void {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  }

  session.on("Network.requestWillBeSent", (sent) => {
    if (sent.redirectResponse) {
      record({
        kind: "redirect",
        requestId: sent.requestId,
        fromUrl: sent.redirectResponse.url,
        toUrl: sent.request.url,
        status: sent.redirectResponse.status,
        statusText: sent.redirectResponse.statusText,
        headers: sent.redirectResponse.headers,
      });
    }
    record({ kind: "request", requestId: sent.requestId, url: sent.request.url, resourceType: sent.type ?? "Other" });
  });
  session.on("Network.responseReceived", (received) => {
    record({
      kind: "response",
      requestId: received.requestId,
      url: received.response.url,
      status: received.response.status,
      headers: received.response.headers,
      securityState: received.response.securityState,
    });
  });
  session.on("Network.loadingFailed", (failed) => {
    record({ kind: "failure", requestId: failed.requestId, errorText: failed.errorText, blockedReason: failed.blockedReason });
  });
  await session.send("Network.enable");
  if (props.blockedUrls && props.blockedUrls.length > 0) {
    await session.send("Network.setBlockedURLs", { urls: [...props.blockedUrls] });
  }

  return {
    events,
    waitFor(description, matches, timeoutMs = 10_000) {
      const earlier = events.find(matches);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${description} within ${timeoutMs} ms; the browser reported:\n${describeEvents(events)}`));
        }, timeoutMs);
        const waiter = (event: NetworkEvent): void => {
          if (!matches(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        };
        waiters.add(waiter);
      });
    },
    stop: () => session.detach(),
  };
}
