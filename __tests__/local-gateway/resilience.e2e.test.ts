import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { send } from "./http-client";

const STACK = path.join(__dirname, "fixtures", "edge-stack", "cdk.tf.json");
const REPO = path.resolve(__dirname, "..", "..");

// Only a bound for a hung test: every test here waits for events (a log line, a file, a reply), never for
// time, and starting `npm start`'s process takes seconds on a loaded machine.
jest.setTimeout(60_000);

let scratch: string;
let markers = 0;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "local-gateway-resilience-"));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A file path that does not exist yet; the fixtures wait until it does. */
const newMarker = (): string => path.join(scratch, `marker-${(markers += 1)}`);

/** Resolves once `lines` holds a line matching `pattern` (checked between turns of the event loop). */
async function lineMatching(lines: string[], pattern: RegExp): Promise<string> {
  for (;;) {
    const found = lines.find((line) => pattern.test(line));
    if (found !== undefined) {
      return found;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Whether a promise has settled by now (after letting pending callbacks run). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("slow clients", () => {
  test("a client that never finishes its headers (slowloris) gets 408, is disconnected and logged", async () => {
    const lines: string[] = [];
    const gateway = await startLocalGateway({ stackJsonPath: STACK, log: (line) => lines.push(line), clientTimeouts: { headersMs: 100, requestMs: 200, checkIntervalMs: 20 } });
    try {
      const target = new URL(gateway.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(target.port), target.hostname, () => socket.write("GET /v1/open HTTP/1.1\r\nHost: x\r\nX-Slow: "));
        const chunks: Buffer[] = [];
        socket.on("data", (chunk: Buffer) => chunks.push(chunk));
        socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(answer).toContain('{"message":"Request timed out"}');
      expect(lines).toContainEqual(expect.stringContaining("408 refused by the HTTP server (ERR_HTTP_REQUEST_TIMEOUT)"));
      expect((await send(`${gateway.url}/v1/open`)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});

describe("shutdown", () => {
  test("close() stops accepting, lets a request in flight finish with its whole response, then stops", async () => {
    const lines: string[] = [];
    const gateway: LocalGateway = await startLocalGateway({ stackJsonPath: STACK, log: (line) => lines.push(line) });
    const marker = newMarker();
    const inFlight = send(`${gateway.url}/v1/wait?marker=${encodeURIComponent(marker)}`);
    await lineMatching(lines, /\[edge-wait\] waiting for the marker/);
    const closing = gateway.close();
    await expect(send(`${gateway.url}/v1/open`)).rejects.toThrow(/ECONNREFUSED/);
    expect(await settled(closing)).toBe(false);
    writeFileSync(marker, "");
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body).toBe("released");
    await closing;
  });
});

describe("npm start", () => {
  test.each(["SIGTERM", "SIGINT"] as const)("on %s, a request in flight gets its whole response and the process exits 0", async (signal) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO, "scripts", "local-gateway.ts"), "--stack", STACK, "--port", "0"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      lines.push(...parts);
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      // The endpoint list the gateway prints at start-up names the stage URL.
      const stageUrl = /(http:\/\/127\.0\.0\.1:\d+\/v1)\//.exec(await lineMatching(lines, /http:\/\/127\.0\.0\.1:\d+\/v1\//))?.[1];
      const marker = newMarker();
      const inFlight = send(`${stageUrl}/wait?marker=${encodeURIComponent(marker)}`);
      await lineMatching(lines, /\[edge-wait\] waiting for the marker/);
      child.kill(signal);
      await lineMatching(lines, /shutting down/);
      writeFileSync(marker, "");
      const reply = await inFlight;
      expect(reply.status).toBe(200);
      expect(reply.body).toBe("released");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("a hanging authorizer", () => {
  test("does not stall other credentials or cached ones while its invocations hang", async () => {
    const lines: string[] = [];
    const gateway = await startLocalGateway({ stackJsonPath: STACK, log: (line) => lines.push(line) });
    const marker = newMarker();
    try {
      expect((await send(`${gateway.url}/v1/items`, { headers: { "X-Token": "allow" } })).status).toBe(200);
      const hanging = [1, 2, 3, 4, 5, 6].map(() => send(`${gateway.url}/v1/items`, { headers: { "X-Token": `wait:${marker}` } }));
      // A fresh credential needs the same authorizer function; a cached one needs none.
      expect((await send(`${gateway.url}/v1/items`, { headers: { "X-Token": "allow-get-items" } })).status).toBe(200);
      expect((await send(`${gateway.url}/v1/items`, { headers: { "X-Token": "allow" } })).status).toBe(200);
      for (const request of hanging) {
        expect(await settled(request)).toBe(false);
      }
      writeFileSync(marker, "");
      for (const reply of await Promise.all(hanging)) {
        expect(reply.status).toBe(200);
      }
    } finally {
      writeFileSync(marker, "");
      await gateway.close();
    }
  });
});
