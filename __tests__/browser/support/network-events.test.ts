import { describeEvents, headerValue, redirectsFrom, requestsSentTo, responsesFor, type NetworkEvent } from "./network-events";

const EVENTS: readonly NetworkEvent[] = [
  { kind: "request", requestId: "1", url: "http://a.test:8443/", resourceType: "Document" },
  {
    kind: "redirect",
    requestId: "1",
    fromUrl: "http://a.test:8443/",
    toUrl: "https://a.test:8443/",
    status: 307,
    statusText: "Internal Redirect",
    headers: { Location: "https://a.test:8443/", "Non-Authoritative-Reason": "HSTS" },
  },
  { kind: "request", requestId: "1", url: "https://a.test:8443/", resourceType: "Document" },
  { kind: "response", requestId: "1", url: "https://a.test:8443/", status: 200, headers: {}, securityState: "secure" },
  { kind: "request", requestId: "2", url: "https://a.test:8443/favicon.ico", resourceType: "Other" },
  { kind: "failure", requestId: "2", errorText: "net::ERR_BLOCKED_BY_CLIENT", blockedReason: "inspector" },
  { kind: "request", requestId: "3", url: "https://b.test/", resourceType: "Document" },
  { kind: "failure", requestId: "3", errorText: "net::ERR_EMPTY_RESPONSE", blockedReason: undefined },
];

describe("headerValue", () => {
  test("finds a header whatever the case of its name", () => {
    expect(headerValue({ "Strict-Transport-Security": "max-age=1" }, "strict-transport-security")).toBe("max-age=1");
    expect(headerValue({ "strict-transport-security": "max-age=1" }, "Strict-Transport-Security")).toBe("max-age=1");
  });

  test("returns undefined for a header that is absent", () => {
    expect(headerValue({ "content-type": "text/plain" }, "strict-transport-security")).toBeUndefined();
  });
});

describe("redirectsFrom and responsesFor", () => {
  test("select the redirects away from a URL", () => {
    expect(redirectsFrom(EVENTS, "http://a.test:8443/").map((event) => event.toUrl)).toEqual(["https://a.test:8443/"]);
    expect(redirectsFrom(EVENTS, "https://a.test:8443/")).toEqual([]);
  });

  test("select the final responses for a URL, not the redirect", () => {
    expect(responsesFor(EVENTS, "https://a.test:8443/").map((event) => event.status)).toEqual([200]);
    expect(responsesFor(EVENTS, "http://a.test:8443/")).toEqual([]);
  });
});

describe("requestsSentTo", () => {
  test("lists the requests sent to a host, leaving out those the browser blocked and other hosts", () => {
    expect(requestsSentTo(EVENTS, "a.test")).toEqual(["http://a.test:8443/", "https://a.test:8443/"]);
  });

  test("counts a request as sent when its block is reported only outside the events examined", () => {
    expect(requestsSentTo(EVENTS.slice(0, 5), "a.test", EVENTS.slice(0, 5))).toEqual([
      "http://a.test:8443/",
      "https://a.test:8443/",
      "https://a.test:8443/favicon.ico",
    ]);
    expect(requestsSentTo(EVENTS.slice(0, 5), "a.test", EVENTS)).toEqual(["http://a.test:8443/", "https://a.test:8443/"]);
  });
});

describe("describeEvents", () => {
  test("writes one line per event, naming redirects and failures", () => {
    const lines = describeEvents(EVENTS).split("\n");
    expect(lines).toHaveLength(EVENTS.length);
    expect(lines[1]).toBe("redirect 1 307 Internal Redirect http://a.test:8443/ -> https://a.test:8443/");
    expect(lines[0]).toBe("request  1 Document http://a.test:8443/");
    expect(lines[5]).toBe("failure  2 net::ERR_BLOCKED_BY_CLIENT (blocked: inspector)");
    expect(lines[7]).toBe("failure  3 net::ERR_EMPTY_RESPONSE");
  });
});
