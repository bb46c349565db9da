import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { send } from "../local-gateway/http-client";
import { startProcess, type StartProcess } from "./start-process";

// Two synths and two gateways on a shared, loaded machine: a ceiling, never a target.
jest.setTimeout(180_000);

/** What every synth of the example app prints; its absence shows no synth ran. */
const SYNTH_WARNING = "Warning: authorizer.credentialSource";
const SERVING = /Serving (\S+)\n {2}stage: (http:\/\/127\.0\.0\.1:\d+\/prod)\//;
const SSM = { APIGW_CREDENTIAL_SOURCE: "ssm" };

describe("npm start before any synth", () => {
  test("--help prints the usage and synthesizes nothing", async () => {
    const run = startProcess(["--help"]);
    expect(await run.exited).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm start -- \[options\]/);
    expect(run.stderr).not.toContain(SYNTH_WARNING);
  });

  test("a busy port is reported before the synth, with the hint --port 0, exit 1", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const run = startProcess([], { PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.stderr).toBe(`port ${port} on 127.0.0.1 is already in use (another npm start?): pass --port 0 to pick a free port, or --port <n> (or PORT=<n>)\n`);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});

describe("two instances of npm start with the credential in SSM", () => {
  let withoutCredential: StartProcess;
  let withCredential: StartProcess;
  let served: Array<{ stackFile: string; stageUrl: string }>;
  let firstStackHash: string;

  const hash = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

  beforeAll(async () => {
    withoutCredential = startProcess(["--port", "0"], SSM);
    const first = await withoutCredential.waitFor(SERVING);
    firstStackHash = hash(first[1]);
    // Started only once the first serves, so its synth would rewrite the first one's files if they shared a folder.
    withCredential = startProcess(["--port", "0", "--credential", "demo"], SSM);
    const second = await withCredential.waitFor(SERVING);
    served = [first, second].map((match) => ({ stackFile: match[1], stageUrl: match[2] }));
  });

  afterAll(async () => {
    for (const run of [withoutCredential, withCredential]) {
      run?.child.kill("SIGINT");
    }
    await Promise.all([withoutCredential?.exited, withCredential?.exited]);
  });

  test("each serves a stack synthesized into a folder of its own, outside cdktf.out", () => {
    expect(served[0].stackFile).not.toBe(served[1].stackFile);
    for (const { stackFile } of served) {
      expect(stackFile.split(path.sep)).not.toContain("cdktf.out");
    }
  });

  test("the second instance's synth leaves the first one's stack untouched", () => {
    expect(hash(served[0].stackFile)).toBe(firstStackHash);
  });

  test("without --credential, start-up says the authorizer reads SSM and names the flag", () => {
    expect(withoutCredential.stdout).toContain("Note: Api-authorizer reads its credential from SSM (/Api/authorizer/credential)");
    expect(withoutCredential.stdout).toContain("Pass --credential VALUE");
  });

  test("with --credential, no such note, and that credential is accepted: 200", async () => {
    expect(withCredential.stdout).not.toContain("reads its credential from SSM");
    const reply = await send(`${served[1].stageUrl}/test`, { headers: { "x-custom-auth": "demo" } });
    expect(reply.status).toBe(200);
  });

  test("with --credential, another value is still denied: 403", async () => {
    const reply = await send(`${served[1].stageUrl}/test`, { headers: { "x-custom-auth": "allow" } });
    expect(reply.status).toBe(403);
  });

  test("an instance stopped with SIGINT removes its synth folder", async () => {
    const stackFolder = path.resolve(path.dirname(served[0].stackFile), "..", "..");
    expect(existsSync(stackFolder)).toBe(true);
    withoutCredential.child.kill("SIGINT");
    expect(await withoutCredential.exited).toBe(0);
    expect(existsSync(stackFolder)).toBe(false);
  });
});
