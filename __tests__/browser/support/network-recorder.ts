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

/**
 * Opens a DevTools session on `page` and records its document (navigation) requests. Subresources such as
 * the favicon are left out: the check is about what happens to the navigations.
 */
export async function recordNetwork(page: Page): Promise<NetworkRecorder> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const events: NetworkEvent[] = [];
  const documentRequests = new Set<string>();
  const waiters = new Set<(event: NetworkEvent) => void>();

  function record(event: NetworkEvent): void {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  }

  session.on("Network.requestWillBeSent", (sent) => {
    if (sent.type !== "Document") return;
    documentRequests.add(sent.requestId);
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
    record({ kind: "request", requestId: sent.requestId, url: sent.request.url });
  });
  session.on("Network.responseReceived", (received) => {
    if (!documentRequests.has(received.requestId)) return;
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
    if (!documentRequests.has(failed.requestId)) return;
    record({ kind: "failure", requestId: failed.requestId, errorText: failed.errorText });
  });
  await session.send("Network.enable");

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
