import { firstRawHeader } from "../../src/local-gateway/http/raw-header";

describe("firstRawHeader", () => {
  test("finds a header whatever its casing, and the first of repeated ones, as Node's req.headers keeps the first Host", () => {
    const raw = ["HOST", "a.example", "Content-Length", "5", "host", "b.example"];
    expect(firstRawHeader(raw, "host")).toBe("a.example");
    expect(firstRawHeader(raw, "content-length")).toBe("5");
  });

  test("an absent header, or a name without a value at the end of the list, is undefined", () => {
    expect(firstRawHeader(["Host", "a.example", "Transfer-Encoding"], "transfer-encoding")).toBeUndefined();
    expect(firstRawHeader([], "host")).toBeUndefined();
  });

  test("a name that only starts like the one sought does not match", () => {
    expect(firstRawHeader(["Hostname", "x", "Content-Lengths", "1"], "host")).toBeUndefined();
    expect(firstRawHeader(["Content-Lengths", "1"], "content-length")).toBeUndefined();
  });
});
