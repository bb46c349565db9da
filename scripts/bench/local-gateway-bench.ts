import * as os from "node:os";
import * as path from "node:path";
import autocannon from "autocannon";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { send } from "../../__tests__/local-gateway/http-client";
import { relocated, withManyRoutes } from "../../__tests__/local-gateway/many-routes";
import type { CapturedResponse } from "./bench-servers";
import { mainThreadCpuSeconds, startChild, stop } from "./bench-children";

/**
 * `npm run bench:gateway`: requests per second and p99 latency of the local gateway's 401, 403 and 200 paths
 * (authorizer result cached), measured in one run beside a bare Node `http` server that returns the same
 * bytes. Prints a Markdown table for docs/local-gateway.md.
 *
 * The machine may be shared, so each path is measured in rounds that alternate gateway and bare server
 * (each after a 1 s warm-up) and the medians are reported, with each server's main-thread CPU time per
 * request (from /proc, Linux).
 *
 * Then the same stack with routes added up to --routes (default 100; 0 skips it: shared prefixes, {param},
 * {proxy+}, several methods and ANY) against the stack as it is, on the 200 path: two fresh gateways, rounds
 * in alternating order.
 *
 * Options: --stack <file> (default the synthesized app), --duration <s> per measurement (default 5),
 * --rounds <n> (default 3), --connections <n> (default 10), --routes <n> (default 100).
 */

interface Case {
  readonly name: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expectedStatus: number;
}

const CASES: readonly Case[] = [
  { name: "401 (no credential)", headers: {}, expectedStatus: 401 },
  { name: "403 (wrong credential, cached Deny)", headers: { "x-custom-auth": "wrong" }, expectedStatus: 403 },
  { name: "200 (right credential, cached Allow)", headers: { "x-custom-auth": "allow" }, expectedStatus: 200 },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const stackJsonPath = path.resolve(option("--stack", "cdktf.out/stacks/authorized-api/cdk.tf.json"));
  const duration = Number(option("--duration", "5"));
  const rounds = Number(option("--rounds", "3"));
  const connections = Number(option("--connections", "10"));
  const routeCount = Number(option("--routes", "100"));

  const gateway = startChild(["gateway", stackJsonPath]);
  const gatewayReady = await gateway.next();
  const stageUrl = gatewayReady.urls?.[0] ?? "";
  const target = `${stageUrl}/test`;

  // One request per case fills the authorizer cache and captures the bytes the bare server will return.
  const captured: CapturedResponse[] = [];
  for (const testCase of CASES) {
    const reply = await send(target, { headers: { ...testCase.headers } });
    if (reply.status !== testCase.expectedStatus) {
      throw new Error(`${testCase.name}: expected ${testCase.expectedStatus}, got ${reply.status}`);
    }
    const headers = Object.entries(reply.headers)
      .filter(([name]) => !["date", "connection", "keep-alive", "content-length"].includes(name))
      .map(([name, value]) => [name, value ?? ""] as const);
    captured.push({ status: reply.status, headers, body: reply.body });
  }

  const bare = startChild(["bare"]);
  await bare.next();
  bare.child.send({ type: "bare", responses: captured });
  const bareUrls = (await bare.next()).urls ?? [];

  const rows: string[] = [];
  for (const [index, testCase] of CASES.entries()) {
    // Each measurement also reads the server's main-thread CPU time per request from /proc (Linux): the
    // server's own cost, which moves much less with the host's load than its rate does.
    const measure = async (url: string, pid: number | undefined): Promise<{ result: autocannon.Result; micros: number }> => {
      await autocannon({ url, connections, duration: 1, headers: testCase.headers });
      const before = mainThreadCpuSeconds(pid);
      const result = await autocannon({ url, connections, duration, headers: testCase.headers });
      const micros = ((mainThreadCpuSeconds(pid) - before) * 1e6) / result.requests.total;
      const statuses = Object.keys(result.statusCodeStats);
      if (result.errors > 0 || result.timeouts > 0 || statuses.length !== 1 || statuses[0] !== String(testCase.expectedStatus)) {
        throw new Error(`${testCase.name} against ${url}: errors ${result.errors}, timeouts ${result.timeouts}, statuses ${JSON.stringify(result.statusCodeStats)}`);
      }
      return { result, micros };
    };
    const local: { result: autocannon.Result; micros: number }[] = [];
    const baseline: { result: autocannon.Result; micros: number }[] = [];
    for (let round = 0; round < rounds; round += 1) {
      local.push(await measure(target, gateway.child.pid));
      baseline.push(await measure(`${bareUrls[index]}/prod/test`, bare.child.pid));
    }
    const localRps = median(local.map((r) => r.result.requests.average));
    const bareRps = median(baseline.map((r) => r.result.requests.average));
    const localMicros = median(local.map((r) => r.micros));
    const bareMicros = median(baseline.map((r) => r.micros));
    rows.push(
      `| ${testCase.name} | ${Math.round(localRps)} | ${median(local.map((r) => r.result.latency.p99))} | ${Math.round(bareRps)} | ${median(baseline.map((r) => r.result.latency.p99))} | ${((localRps / bareRps) * 100).toFixed(0)} % | ${localMicros.toFixed(1)} | ${bareMicros.toFixed(1)} |`,
    );
    process.stderr.write(`measured ${testCase.name}\n`);
  }

  await stop(bare.child);
  await stop(gateway.child);
  const routeRows = routeCount > 0 ? await compareRouteCounts(stackJsonPath, routeCount, { connections, duration, rounds }) : [];

  process.stdout.write(
    [
      `autocannon 9.0.0, ${connections} connections, median of ${rounds} alternating rounds of ${duration} s (each after a 1 s warm-up), Node ${process.version}, ${os.cpus().length} CPUs`,
      "",
      "| path | local gateway req/s | local gateway p99 (ms) | bare Node http req/s | bare p99 (ms) | gateway / bare | gateway main thread, CPU µs/request | bare, CPU µs/request |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...rows,
      "",
      ...routeRows,
    ].join("\n"),
  );
}

/**
 * The 200 path of the stack as it is against the same stack with `routeCount` routes, each served by a fresh
 * gateway warmed the same way, in rounds whose order alternates (ABBA…): a gateway measured second on its
 * first round, or one that served the earlier cases, would otherwise look different with identical stacks.
 */
async function compareRouteCounts(
  stackJsonPath: string,
  routeCount: number,
  settings: { readonly connections: number; readonly duration: number; readonly rounds: number },
): Promise<string[]> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "gateway-bench-routes-"));
  const stack = JSON.parse(readFileSync(stackJsonPath, "utf8")) as Record<string, unknown>;
  const manyRoutesPath = path.join(scratch, "cdk.tf.json");
  writeFileSync(manyRoutesPath, JSON.stringify(withManyRoutes(relocated(stack, path.dirname(stackJsonPath)), routeCount)));
  const one = startChild(["gateway", stackJsonPath]);
  const oneTarget = `${(await one.next()).urls?.[0] ?? ""}/test`;
  const many = startChild(["gateway", manyRoutesPath]);
  const manyTarget = `${(await many.next()).urls?.[0] ?? ""}/test`;
  const headers = CASES[2].headers;
  const run = async (url: string, duration: number): Promise<autocannon.Result> => {
    const result = await autocannon({ url, connections: settings.connections, duration, headers });
    if (result.errors > 0 || result.timeouts > 0 || Object.keys(result.statusCodeStats).join() !== "200") {
      throw new Error(`200 path against ${url}: errors ${result.errors}, timeouts ${result.timeouts}, statuses ${JSON.stringify(result.statusCodeStats)}`);
    }
    return result;
  };
  await run(oneTarget, 3);
  await run(manyTarget, 3);
  const oneResults: autocannon.Result[] = [];
  const manyResults: autocannon.Result[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = round % 2 === 0 ? ["one", "many"] : ["many", "one"];
    for (const which of order) {
      if (which === "one") {
        oneResults.push(await run(oneTarget, settings.duration));
      } else {
        manyResults.push(await run(manyTarget, settings.duration));
      }
    }
  }
  await stop(one.child);
  await stop(many.child);
  rmSync(scratch, { recursive: true, force: true });
  process.stderr.write(`measured ${routeCount} routes\n`);
  const oneRps = median(oneResults.map((r) => r.requests.average));
  const manyRps = median(manyResults.map((r) => r.requests.average));
  return [
    `The 200 path (cached Allow) of the stack as synthesized and with ${routeCount} routes: two fresh gateways, each warmed 3 s, median of ${settings.rounds} rounds in alternating order:`,
    "",
    "| API | req/s | p99 (ms) | / stack as synthesized |",
    "|---|---:|---:|---:|",
    `| as synthesized | ${Math.round(oneRps)} | ${median(oneResults.map((r) => r.latency.p99))} | 100 % |`,
    `| ${routeCount} routes | ${Math.round(manyRps)} | ${median(manyResults.map((r) => r.latency.p99))} | ${((manyRps / oneRps) * 100).toFixed(0)} % |`,
    "",
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
