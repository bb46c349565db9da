import type * as http from "node:http";
import type { GatewayReply } from "../../src/local-gateway/gateway";
import { ResponseBatch } from "../../src/local-gateway/http/response-batch";

const res = (name: string): http.ServerResponse => ({ name }) as unknown as http.ServerResponse;
const reply = (statusCode: number): GatewayReply => ({ response: { statusCode, headers: [], body: Buffer.alloc(0) }, answeredBy: "test" });
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("ResponseBatch", () => {
  test("responses completed in one turn of the event loop are written together at its end, in the order they completed", async () => {
    const written: string[] = [];
    const batch = new ResponseBatch((target, answer) => written.push(`${(target as unknown as { name: string }).name} ${answer.response.statusCode}`));
    batch.add(res("a"), reply(401), () => undefined);
    batch.add(res("b"), reply(403), () => undefined);
    expect(written).toEqual([]); // not yet: the rest of this turn may complete more
    await nextTurn();
    expect(written).toEqual(["a 401", "b 403"]);
    batch.add(res("c"), reply(200), () => undefined);
    await nextTurn();
    expect(written).toEqual(["a 401", "b 403", "c 200"]);
  });

  test("a response that cannot be written goes to its own error handler, and the others in its batch are still written", async () => {
    const written: string[] = [];
    const failures: string[] = [];
    const batch = new ResponseBatch((target, answer) => {
      if (answer.response.statusCode === 502) {
        throw new TypeError("Invalid character in header content");
      }
      written.push((target as unknown as { name: string }).name);
    });
    batch.add(res("first"), reply(200), () => failures.push("first"));
    batch.add(res("bad"), reply(502), (error) => failures.push(`bad: ${(error as Error).message}`));
    batch.add(res("last"), reply(200), () => failures.push("last"));
    await nextTurn();
    expect(written).toEqual(["first", "last"]);
    expect(failures).toEqual(["bad: Invalid character in header content"]);
  });
});
