import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { StackError } from "../../src/local-gateway/stack-error";
import { send, sendRaw } from "./http-client";

const STACK = path.join(__dirname, "fixtures", "edge-stack", "cdk.tf.json");

let gateway: LocalGateway;
let lines: string[];
let scratch: string;

beforeAll(async () => {
  lines = [];
  scratch = mkdtempSync(path.join(tmpdir(), "local-gateway-bad-"));
  gateway = await startLocalGateway({ stackJsonPath: STACK, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await gateway.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The server still answers a normal request. */
async function expectStillServing(): Promise<void> {
  const reply = await send(`${gateway.url}/v1/open`);
  expect(reply.status).toBe(200);
}

describe("bad requests", () => {
  test("oversized headers are refused with 431 and a JSON message, and the server keeps serving", async () => {
    const reply = await sendRaw(gateway.url, `GET /v1/open HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(reply).toContain('{"message":"Request header fields too large"}');
    await expectStillServing();
  });

  test("more headers than the server reads are refused with 431, never dropped: a credential after 999 others still counts", async () => {
    const filler = (count: number): string => Array.from({ length: count }, (_, i) => `X-Filler-${i}: v\r\n`).join("");
    const tooMany = await sendRaw(gateway.url, `GET /v1/items HTTP/1.1\r\nHost: x\r\n${filler(1000)}X-Token: allow\r\nConnection: close\r\n\r\n`);
    expect(tooMany).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(tooMany).toContain("more than 1000 headers");
    const withinLimit = await sendRaw(gateway.url, `GET /v1/items HTTP/1.1\r\nHost: x\r\n${filler(996)}X-Token: allow\r\nConnection: close\r\n\r\n`);
    expect(withinLimit).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    await expectStillServing();
  });

  test("a path with invalid percent-encoding is refused with 400 naming the segment", async () => {
    const reply = await sendRaw(gateway.url, "GET /v1/files/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain("invalid percent-encoding");
    expect(reply).toContain("%E0%A4%A");
    await expectStillServing();
  });

  test("a request target that is not a path is refused with 400", async () => {
    const reply = await sendRaw(gateway.url, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain("is not a path");
    await expectStillServing();
  });

  test("a body over API Gateway's 10 MiB limit gets REQUEST_TOO_LARGE through DEFAULT_4XX, with HSTS", async () => {
    const reply = await send(`${gateway.url}/v1/files/upload`, { method: "POST", body: "x".repeat(10 * 1024 * 1024 + 1) });
    expect(reply.status).toBe(413);
    expect(reply.headers["x-amzn-errortype"]).toBe("RequestTooLargeException");
    expect(reply.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains; preload");
    await expectStillServing();
  });

  test("bytes that are not HTTP are refused with 400, and the server keeps serving", async () => {
    const reply = await sendRaw(gateway.url, "HELLO THERE\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    await expectStillServing();
  });
});

describe("bad stacks", () => {
  const writeStack = (name: string, content: string): string => {
    const file = path.join(scratch, name);
    writeFileSync(file, content);
    return file;
  };

  test("a stack JSON without a REST API is refused before anything listens, with a clear message", async () => {
    const file = writeStack("no-api.json", JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: "x" } } } }));
    const started = startLocalGateway({ stackJsonPath: file, log: () => undefined });
    await expect(started).rejects.toThrow(StackError);
    await expect(started).rejects.toThrow(`Cannot serve ${file}: the stack declares no aws_api_gateway_rest_api; there is nothing to serve`);
    await expectStillServing();
  });

  test("a file that is not JSON is refused with the parser's reason", async () => {
    const file = writeStack("broken.json", "{ not json");
    await expect(startLocalGateway({ stackJsonPath: file, log: () => undefined })).rejects.toThrow(/is not valid JSON/);
  });

  test("a port already in use is refused with the system's error", async () => {
    const port = Number(new URL(gateway.url).port);
    await expect(startLocalGateway({ stackJsonPath: STACK, port, log: () => undefined })).rejects.toThrow(/EADDRINUSE/);
    await expectStillServing();
  });

  test("a missing file is refused with a hint to synthesize first", async () => {
    await expect(startLocalGateway({ stackJsonPath: path.join(scratch, "absent.json"), log: () => undefined })).rejects.toThrow(/run `npm run synth` first/);
  });
});
