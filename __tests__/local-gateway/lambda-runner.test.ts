import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LambdaRunner } from "../../src/local-gateway/lambda/lambda-runner";
import type { FunctionModel } from "../../src/local-gateway/stack/stack-model";
import { ManualTimers } from "./manual-timers";

let root: string;

function fn(name: string, code: string, overrides: Partial<FunctionModel> = {}): FunctionModel {
  const codeDirectory = path.join(root, name);
  mkdirSync(codeDirectory, { recursive: true });
  writeFileSync(path.join(codeDirectory, "index.js"), code);
  return {
    address: `aws_lambda_function.${name}`,
    functionName: name,
    codeDirectory,
    handlerModule: "index",
    handlerExport: "handler",
    runtime: "nodejs22.x",
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    ...overrides,
  };
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "local-gateway-runner-"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("LambdaRunner", () => {
  test("each function has its own environment: its variables, Lambda's, overrides — nothing of another function or the host", async () => {
    const envOf = "exports.handler = async () => ({ A: process.env.A ?? null, B: process.env.B ?? null, PATH: process.env.PATH ?? null, NAME: process.env.AWS_LAMBDA_FUNCTION_NAME, REGION: process.env.AWS_REGION });";
    const runner = new LambdaRunner([fn("one", envOf, { environment: { A: "a1" } }), fn("two", envOf, { environment: { B: "b2" } })], {
      region: "eu-west-1",
      environmentOverrides: { two: { B: "overridden" } },
    });
    try {
      expect(await runner.invoke("aws_lambda_function.one", {}, "r1")).toEqual({ kind: "result", payload: { A: "a1", B: null, PATH: null, NAME: "one", REGION: "eu-west-1" } });
      expect(await runner.invoke("aws_lambda_function.two", {}, "r2")).toEqual({ kind: "result", payload: { A: null, B: "overridden", PATH: null, NAME: "two", REGION: "eu-west-1" } });
    } finally {
      await runner.close();
    }
  });

  test("a handler may use the callback, return a plain value, or return nothing (null)", async () => {
    const runner = new LambdaRunner(
      [
        fn("callback", "exports.handler = (event, context, callback) => { setImmediate(() => callback(null, { got: event.n, id: context.awsRequestId })); };"),
        fn("plain", "exports.handler = (event) => event.n * 2;"),
        fn("nothing", "exports.handler = async () => undefined;"),
      ],
      { region: "us-east-1" },
    );
    try {
      expect(await runner.invoke("aws_lambda_function.callback", { n: 1 }, "req-7")).toEqual({ kind: "result", payload: { got: 1, id: "req-7" } });
      expect(await runner.invoke("aws_lambda_function.plain", { n: 21 }, "r")).toEqual({ kind: "result", payload: 42 });
      expect(await runner.invoke("aws_lambda_function.nothing", {}, "r")).toEqual({ kind: "result", payload: null });
    } finally {
      await runner.close();
    }
  });

  test("errors come back as Lambda's errorType and errorMessage; a thrown string keeps its text", async () => {
    const runner = new LambdaRunner(
      [fn("throws", "exports.handler = async () => { throw new TypeError('bad input'); };"), fn("string", "exports.handler = (e, c, callback) => callback('Unauthorized');")],
      { region: "us-east-1" },
    );
    try {
      expect(await runner.invoke("aws_lambda_function.throws", {}, "r")).toEqual({ kind: "error", errorType: "TypeError", errorMessage: "bad input" });
      expect(await runner.invoke("aws_lambda_function.string", {}, "r")).toEqual({ kind: "error", errorType: "string", errorMessage: "Unauthorized" });
    } finally {
      await runner.close();
    }
  });

  test("a handler stuck past its timeout is stopped, and the next invocation gets a fresh environment", async () => {
    const timers = new ManualTimers();
    const runner = new LambdaRunner([fn("stuck", "let calls = 0; exports.handler = async (event) => { calls += 1; if (event.hang) { for (;;) {} } return calls; };", { timeoutSeconds: 0.2 })], {
      region: "us-east-1",
      timers,
    });
    try {
      expect(await runner.invoke("aws_lambda_function.stuck", {}, "r")).toEqual({ kind: "result", payload: 1 });
      const hanging = runner.invoke("aws_lambda_function.stuck", { hang: true }, "req-x");
      await timers.until(200);
      timers.fire(200);
      const timedOut = await hanging;
      expect(timedOut).toMatchObject({ kind: "error", errorType: "Sandbox.Timedout" });
      expect(timedOut.kind === "error" && timedOut.errorMessage).toContain("req-x Task timed out after 0.20 seconds");
      expect(await runner.invoke("aws_lambda_function.stuck", {}, "r")).toEqual({ kind: "result", payload: 1 });
    } finally {
      await runner.close();
    }
  });

  test("the timeout clock starts when the module has loaded: a slow init does not use up the invocation's time", async () => {
    const timers = new ManualTimers();
    const marker = path.join(root, "init-may-end");
    // The module's top level waits (synchronously, as a heavy import would) until the test lets it finish.
    const code = `const fs = require("fs"); while (!fs.existsSync(${JSON.stringify(marker)})) {} exports.handler = async () => "done";`;
    const runner = new LambdaRunner([fn("slowinit", code, { timeoutSeconds: 0.2 })], { region: "us-east-1", timers });
    try {
      const invocation = runner.invoke("aws_lambda_function.slowinit", {}, "r");
      await timers.until(10_000);
      expect(timers.delays()).toEqual([10_000]);
      writeFileSync(marker, "");
      expect(await invocation).toEqual({ kind: "result", payload: "done" });
    } finally {
      await runner.close();
    }
  });

  test("an invocation that finds the only environment still loading its module is not kept waiting for that cold start: another environment starts for it after scaleUpAfterMs", async () => {
    const timers = new ManualTimers();
    const marker = path.join(root, "cold-may-end");
    const code = `const fs = require("fs"); const { threadId } = require("node:worker_threads"); while (!fs.existsSync(${JSON.stringify(marker)})) {} exports.handler = async () => threadId;`;
    const runner = new LambdaRunner([fn("cold", code)], { region: "us-east-1", timers, eagerEnvironments: 1 });
    try {
      const first = runner.invoke("aws_lambda_function.cold", {}, "first");
      await timers.until(10_000); // the first environment's init limit: its module is loading
      const second = runner.invoke("aws_lambda_function.cold", {}, "second");
      await timers.until(50);
      timers.fire(50);
      await timers.until(10_000, 2); // a second environment, loading for the second invocation
      writeFileSync(marker, "");
      const [a, b] = await Promise.all([first, second]);
      expect(a).toMatchObject({ kind: "result" });
      expect(b).toMatchObject({ kind: "result" });
      expect(b.kind === "result" && b.payload).not.toBe(a.kind === "result" && a.payload);
    } finally {
      await runner.close();
    }
  });

  test("hanging invocations hold only their own environments: others run beside them (at once up to eagerEnvironments, then taken back from the stalled ones after scaleUpAfterMs), and past the concurrency a caller waits at most the function's timeout", async () => {
    const timers = new ManualTimers();
    const code = "exports.handler = (event) => event.hang ? new Promise(() => undefined) : 'answered';";
    const runner = new LambdaRunner([fn("hangs", code, { timeoutSeconds: 5 })], { region: "us-east-1", timers, maxConcurrencyPerFunction: 3, eagerEnvironments: 2, scaleUpAfterMs: 50 });
    try {
      const hanging = [runner.invoke("aws_lambda_function.hangs", { hang: true }, "h1"), runner.invoke("aws_lambda_function.hangs", { hang: true }, "h2")];
      await timers.until(5_000, 2); // both running, the second in an environment started at once
      expect(timers.delays()).not.toContain(50);
      const other = runner.invoke("aws_lambda_function.hangs", {}, "other");
      await timers.until(50); // handed to a busy environment in advance, behind a hanging invocation
      timers.fire(50); // neither running invocation changed within scaleUpAfterMs: "other" is taken back and gets an environment of its own
      expect(await other).toEqual({ kind: "result", payload: "answered" });
      hanging.push(runner.invoke("aws_lambda_function.hangs", { hang: true }, "h3"));
      await timers.until(5_000, 3);
      const queued = runner.invoke("aws_lambda_function.hangs", {}, "queued");
      await timers.until(50); // handed to h3's environment, the only one not yet seen stalled
      timers.fire(50);
      await timers.until(5_000, 4); // taken back, and at the concurrency it waits in the queue
      expect(timers.delays()).not.toContain(50); // no further environment, no further hand-over
      timers.fireLast(5_000); // the queued caller's wait
      expect(await queued).toEqual({ kind: "error", errorType: "TooManyRequestsException", errorMessage: "Rate Exceeded." });
      timers.fire(5_000); // the hanging invocations' timeouts
      for (const outcome of await Promise.all(hanging)) {
        expect(outcome).toMatchObject({ kind: "error", errorType: "Sandbox.Timedout" });
      }
      expect(await runner.invoke("aws_lambda_function.hangs", {}, "after")).toEqual({ kind: "result", payload: "answered" });
    } finally {
      await runner.close();
    }
  });

  test("a burst of quick invocations is served by the environment already warm: another starts only when none is freed for scaleUpAfterMs", async () => {
    const timers = new ManualTimers();
    const code = "const { threadId } = require('node:worker_threads'); exports.handler = async () => threadId;";
    const runner = new LambdaRunner([fn("quick", code)], { region: "us-east-1", timers, eagerEnvironments: 1, scaleUpAfterMs: 50 });
    try {
      const first = await runner.invoke("aws_lambda_function.quick", {}, "first");
      // The scale-up timer is never fired here: each answer frees the environment for the next caller.
      const burst = await Promise.all(Array.from({ length: 6 }, (_, index) => runner.invoke("aws_lambda_function.quick", {}, `burst-${index}`)));
      expect(first).toMatchObject({ kind: "result" });
      expect(burst).toEqual(Array.from({ length: 6 }, () => first));
    } finally {
      await runner.close();
    }
  });

  test("warming up resolves once the module has loaded, or failed to: an init error is then each invocation's answer", async () => {
    const runner = new LambdaRunner([fn("loads", "exports.handler = async () => 'ok';"), fn("broken", "throw new Error('init failed');")], { region: "us-east-1" });
    try {
      await runner.warmUp();
      expect(await runner.invoke("aws_lambda_function.loads", {}, "r1")).toEqual({ kind: "result", payload: "ok" });
      expect(await runner.invoke("aws_lambda_function.broken", {}, "r2")).toEqual({ kind: "error", errorType: "Error", errorMessage: "init failed" });
    } finally {
      await runner.close();
    }
  });

  test("two invocations at once after a warm-up run side by side in two environments, not one after the other in the warm one", async () => {
    // The warmed environment once counted twice among the idle ones (listed by warmUp and again when its
    // module had loaded), and then both invocations went to it.
    const timers = new ManualTimers();
    const code = "const { threadId } = require('node:worker_threads'); exports.handler = async () => { await new Promise((resolve) => setTimeout(resolve, 20)); return threadId; };";
    const runner = new LambdaRunner([fn("warmed", code)], { region: "us-east-1", timers, eagerEnvironments: 2 });
    try {
      await runner.warmUp();
      const warm = await runner.invoke("aws_lambda_function.warmed", {}, "warm");
      const [one, two] = await Promise.all([runner.invoke("aws_lambda_function.warmed", {}, "one"), runner.invoke("aws_lambda_function.warmed", {}, "two")]);
      expect([one.kind, two.kind]).toEqual(["result", "result"]);
      const threads = [one, two].map((outcome) => (outcome.kind === "result" ? outcome.payload : undefined));
      expect(threads).toContain(warm.kind === "result" ? warm.payload : "no warm result");
      expect(new Set(threads).size).toBe(2);
    } finally {
      await runner.close();
    }
  });

  test("invocations handed to a busy environment in advance run there one at a time, in the order they came", async () => {
    const timers = new ManualTimers();
    // Each invocation yields to the event loop while it runs: a second one started meanwhile would see `running` at 1.
    const code = [
      "const { threadId } = require('node:worker_threads');",
      "let running = 0;",
      "exports.handler = async (event) => {",
      "  running += 1; const overlapped = running > 1;",
      "  await new Promise((resolve) => setImmediate(resolve));",
      "  running -= 1;",
      "  return { n: event.n, threadId, overlapped };",
      "};",
    ].join("\n");
    const runner = new LambdaRunner([fn("ordered", code)], { region: "us-east-1", timers, eagerEnvironments: 1, pipelineDepth: 8 });
    try {
      const warm = await runner.invoke("aws_lambda_function.ordered", { n: 0 }, "warm");
      const threadId = warm.kind === "result" && (warm.payload as { threadId: number }).threadId;
      const started: number[] = [];
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          runner.invoke("aws_lambda_function.ordered", { n: n + 1 }, `call-${n + 1}`).then((outcome) => {
            started.push(n + 1);
            return outcome;
          }),
        ),
      );
      expect(timers.delays()).toContain(50); // they were handed over in advance (the stall check is armed, never fired)
      expect(outcomes).toEqual(Array.from({ length: 6 }, (_, n) => ({ kind: "result", payload: { n: n + 1, threadId, overlapped: false } })));
      expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await runner.close();
    }
  });

  test("an invocation handed in advance to an environment whose handler then spins forever is taken back after scaleUpAfterMs and runs once, elsewhere", async () => {
    const timers = new ManualTimers();
    const log = path.join(root, "spin-log");
    const code = [
      "const fs = require('node:fs'); const { threadId } = require('node:worker_threads');",
      `exports.handler = async (event, context) => { fs.appendFileSync(${JSON.stringify(log)}, context.awsRequestId + ' ' + threadId + '\\n'); if (event.spin) { for (;;) {} } return threadId; };`,
    ].join("\n");
    const runner = new LambdaRunner([fn("spins", code, { timeoutSeconds: 5 })], { region: "us-east-1", timers, eagerEnvironments: 1, maxConcurrencyPerFunction: 2 });
    try {
      const warm = await runner.invoke("aws_lambda_function.spins", {}, "warm");
      const spinning = runner.invoke("aws_lambda_function.spins", { spin: true }, "spinning");
      await timers.until(5_000); // the spinning invocation has started: its timeout runs
      const behind = runner.invoke("aws_lambda_function.spins", {}, "behind");
      await timers.until(50);
      timers.fire(50); // its thread cannot answer anything now, yet the call is taken back from it
      const answered = await behind;
      expect(answered).toMatchObject({ kind: "result" });
      expect(answered.kind === "result" && answered.payload).not.toBe(warm.kind === "result" && warm.payload);
      timers.fire(5_000);
      expect(await spinning).toMatchObject({ kind: "error", errorType: "Sandbox.Timedout" });
      const lines = readFileSync(log, "utf8").trim().split("\n");
      expect(lines.filter((line) => line.startsWith("behind "))).toEqual([`behind ${answered.kind === "result" ? String(answered.payload) : ""}`]);
    } finally {
      await runner.close();
    }
  });

  test("an invocation taken back from a stalled environment does not run there as well once the stalled one finishes", async () => {
    const timers = new ManualTimers();
    const log = path.join(root, "held-log");
    const release = path.join(root, "held-release");
    const code = [
      "const fs = require('node:fs'); const { threadId } = require('node:worker_threads');",
      `const released = () => new Promise((resolve) => { const poll = () => (fs.existsSync(${JSON.stringify(release)}) ? resolve() : setTimeout(poll, 5)); poll(); });`,
      `exports.handler = async (event, context) => { fs.appendFileSync(${JSON.stringify(log)}, context.awsRequestId + ' ' + threadId + '\\n'); if (event.hold) { await released(); } return threadId; };`,
    ].join("\n");
    const runner = new LambdaRunner([fn("holds", code)], { region: "us-east-1", timers, eagerEnvironments: 1, maxConcurrencyPerFunction: 2 });
    try {
      await runner.invoke("aws_lambda_function.holds", {}, "warm");
      const held = runner.invoke("aws_lambda_function.holds", { hold: true }, "held");
      await timers.until(3_000);
      const behind = runner.invoke("aws_lambda_function.holds", {}, "behind");
      await timers.until(50);
      timers.fire(50);
      const answered = await behind;
      writeFileSync(release, "");
      const first = await held;
      // The held environment is free again and takes the next invocation: by then it has passed the taken-back one.
      expect(await runner.invoke("aws_lambda_function.holds", {}, "after")).toMatchObject({ kind: "result" });
      expect(first).toMatchObject({ kind: "result" });
      expect(answered.kind === "result" && answered.payload).not.toBe(first.kind === "result" && first.payload);
      const lines = readFileSync(log, "utf8").trim().split("\n");
      expect(lines.filter((line) => line.startsWith("behind "))).toHaveLength(1);
    } finally {
      await runner.close();
    }
  });

  test("a crash fails only the invocation that was running: those handed in advance behind it run in a fresh environment", async () => {
    const timers = new ManualTimers();
    const code = "exports.handler = (event) => new Promise((resolve) => { if (event.crash) { setImmediate(() => { throw new Error('escaped'); }); } else { resolve('fine'); } });";
    const runner = new LambdaRunner([fn("crashes", code)], { region: "us-east-1", timers, eagerEnvironments: 1 });
    try {
      await runner.invoke("aws_lambda_function.crashes", {}, "warm");
      const [crashed, behind] = await Promise.all([runner.invoke("aws_lambda_function.crashes", { crash: true }, "crash"), runner.invoke("aws_lambda_function.crashes", {}, "behind")]);
      expect(crashed).toEqual({ kind: "error", errorType: "Runtime.UncaughtException", errorMessage: "escaped" });
      expect(behind).toEqual({ kind: "result", payload: "fine" });
    } finally {
      await runner.close();
    }
  });

  test("an exception thrown outside the handler's promise fails the invocation and the environment is replaced", async () => {
    const runner = new LambdaRunner(
      [fn("escapes", "exports.handler = (event) => new Promise((resolve) => { if (event.crash) { setImmediate(() => { throw new Error('escaped'); }); } else { resolve('fine'); } });")],
      { region: "us-east-1" },
    );
    try {
      expect(await runner.invoke("aws_lambda_function.escapes", { crash: true }, "r")).toEqual({ kind: "error", errorType: "Runtime.UncaughtException", errorMessage: "escaped" });
      expect(await runner.invoke("aws_lambda_function.escapes", {}, "r")).toEqual({ kind: "result", payload: "fine" });
    } finally {
      await runner.close();
    }
  });

  test("a module that does not export the handler fails every invocation with Runtime.HandlerNotFound", async () => {
    const runner = new LambdaRunner([fn("noexport", "exports.other = () => 1;")], { region: "us-east-1" });
    try {
      expect(await runner.invoke("aws_lambda_function.noexport", {}, "r")).toEqual({
        kind: "error",
        errorType: "Runtime.HandlerNotFound",
        errorMessage: "index.handler is undefined or not exported",
      });
    } finally {
      await runner.close();
    }
  });

  test("a pipelineDepth that is not a whole number from 1 to 64 is refused, naming the option and the value", () => {
    for (const bad of [0, -1, 2.5, 65, Number.NaN]) {
      expect(() => new LambdaRunner([], { region: "us-east-1", pipelineDepth: bad })).toThrow(`LambdaRunner: pipelineDepth must be a whole number from 1 to 64, got ${String(bad)}`);
    }
    expect(() => new LambdaRunner([], { region: "us-east-1", pipelineDepth: 1 })).not.toThrow();
  });

  test("what a function prints reaches onOutput line by line with its name", async () => {
    const lines: string[] = [];
    let resolveLine: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => {
      resolveLine = resolve;
    });
    const runner = new LambdaRunner([fn("talks", "exports.handler = async () => { console.log('first'); console.error('second'); return 1; };")], {
      region: "us-east-1",
      onOutput: (name, line) => {
        lines.push(`${name}: ${line}`);
        if (lines.length === 2) {
          resolveLine();
        }
      },
    });
    try {
      await runner.invoke("aws_lambda_function.talks", {}, "r");
      await seen;
      expect(lines.sort()).toEqual(["talks: first", "talks: second"]);
    } finally {
      await runner.close();
    }
  });
});
