import { randomBytes } from "node:crypto";
import { extendedRequestIdOf, newExtendedRequestId } from "../../src/local-gateway/local-ids";

describe("extended request ids (x-amz-apigw-id)", () => {
  test("are the bytes' base64 with + and / read as A, for every byte value in every position", () => {
    const samples = [Buffer.alloc(11, 0x00), Buffer.alloc(11, 0xff), Buffer.from([0xfb, 0xef, 0xbe, 0xfb, 0xef, 0xbe, 0xfb, 0xef, 0xbe, 0x3f, 0xf0])];
    for (let index = 0; index < 2000; index += 1) {
      samples.push(randomBytes(11));
    }
    for (const bytes of samples) {
      expect(extendedRequestIdOf(bytes)).toBe(bytes.toString("base64").replace(/[+/]/g, "A"));
    }
  });

  test("are 16 characters ending in '=', as AWS's example event's IOv8fHF5FiAFfqw=, and differ from one request to the next", () => {
    const ids = Array.from({ length: 200 }, () => newExtendedRequestId());
    for (const id of ids) {
      // The 15th character carries 4 bits (then two zero bits): one of 16 characters, as base64 of 11 bytes.
      expect(id).toMatch(/^[A-Za-z0-9]{14}[AEIMQUYcgkosw048]=$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
