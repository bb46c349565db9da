import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import autocannon from "autocannon";
import { cpuSeconds, mainThreadCpuSeconds, startChild, stop } from "./bench-children";

/**
 * `npm run bench:gateway-ab -- --baseline <git revision>`: the local gateway of this working tree against
 * the one of another revision, on one path, in rounds that alternate which goes first (ABBA…). Both serve
 * the same synthesized stack and are warmed the same way.
 *
 * Why not beside the bare server: on a shared machine the bare server's rate swings (17.7k–36k req/s in
 * quiet runs 20 minutes apart), which moves `bench:gateway`'s ratios by 10 points from one run to the next;
 * two gateways measured in alternating rounds see the same machine, so a change's effect shows at a few
 * per cent.
 *
 * Beside requests per second it reports CPU time per request, read from /proc (Linux): the gateway's main
 * thread's, and its whole process's (function threads included). CPU per request moves much less with the
 * machine's load than throughput does, and the main thread's is what limits the gateway.
 *
 * Options: --baseline <rev> (default HEAD), --case 401|403|200 (default 200), --stack <file> (default the
 * synthesized app), --duration <s> per round (default 3), --rounds <n> (default 6), --connections <n>
 * (default 10).
 */

const HEADERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "401": {},
  "403": { "x-custom-auth": "wrong" },
  "200": { "x-custom-auth": "allow" },
};

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

interface Round {
  readonly result: autocannon.Result;
  /** µs of CPU per request: the gateway's main thread, and its whole process. */
  readonly mainMicros: number;
  readonly processMicros: number;
}

/** A whole-number option of at least 1, or an error naming it, its value and what is allowed. */
function wholeNumber(name: string, fallback: string): number {
  const text = option(name, fallback);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1, got ${text}`);
  }
  return value;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const repository = path.resolve(__dirname, "..", "..");
  const baseline = option("--baseline", "HEAD");
  const caseName = option("--case", "200");
  const headers = HEADERS[caseName];
  if (headers === undefined) {
    throw new Error(`--case must be one of ${Object.keys(HEADERS).join(", ")}, got ${caseName}`);
  }
  const stackJsonPath = path.resolve(option("--stack", "cdktf.out/stacks/authorized-api/cdk.tf.json"));
  if (!existsSync(stackJsonPath)) {
    throw new Error(`--stack: ${stackJsonPath} does not exist (run npm run synth first)`);
  }
  const duration = wholeNumber("--duration", "3");
  const rounds = wholeNumber("--rounds", "6");
  const connections = wholeNumber("--connections", "10");

  // The baseline's sources in a worktree of their own, using this tree's node_modules.
  const scratch = mkdtempSync(path.join(os.tmpdir(), "gateway-ab-"));
  const baselineTree = path.join(scratch, "tree");
  // A run that was interrupted leaves its worktree registered; its folder is gone, so prune forgets it.
  execFileSync("git", ["-C", repository, "worktree", "prune"], { stdio: "ignore" });
  try {
    execFileSync("git", ["-C", repository, "worktree", "add", "--detach", baselineTree, baseline], { stdio: "ignore" });
  } catch {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`--baseline: ${baseline} is not a commit of this repository (a branch, tag or commit id, e.g. main or HEAD~1)`);
  }
  symlinkSync(path.join(repository, "node_modules"), path.join(baselineTree, "node_modules"));
  const revision = execFileSync("git", ["-C", baselineTree, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();

  const gateways = {
    baseline: startChild(["gateway", stackJsonPath], path.join(baselineTree, "scripts", "bench")),
    change: startChild(["gateway", stackJsonPath]),
  };
  try {
    const targets = {
      baseline: `${(await gateways.baseline.next()).urls?.[0] ?? ""}/test`,
      change: `${(await gateways.change.next()).urls?.[0] ?? ""}/test`,
    };
    const run = async (url: string, seconds: number): Promise<autocannon.Result> => {
      const result = await autocannon({ url, connections, duration: seconds, headers });
      if (result.errors > 0 || result.timeouts > 0 || Object.keys(result.statusCodeStats).join() !== caseName) {
        throw new Error(`${caseName} path against ${url}: errors ${result.errors}, timeouts ${result.timeouts}, statuses ${JSON.stringify(result.statusCodeStats)}`);
      }
      return result;
    };
    await run(targets.baseline, 2);
    await run(targets.change, 2);
    const measure = async (which: "baseline" | "change"): Promise<Round> => {
      const pid = gateways[which].child.pid ?? 0;
      const cpu = (): [number, number] => [mainThreadCpuSeconds(pid), cpuSeconds(`/proc/${pid}/stat`)];
      const before = cpu();
      const result = await run(targets[which], duration);
      const after = cpu();
      const requests = result.requests.total;
      return { result, mainMicros: ((after[0] - before[0]) * 1e6) / requests, processMicros: ((after[1] - before[1]) * 1e6) / requests };
    };
    const results = { baseline: [] as Round[], change: [] as Round[] };
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (["baseline", "change"] as const) : (["change", "baseline"] as const);
      for (const which of order) {
        results[which].push(await measure(which));
      }
      const line = (r: Round): string => `${Math.round(r.result.requests.average)} req/s, ${r.mainMicros.toFixed(1)} µs main thread`;
      process.stderr.write(`round ${round + 1}: baseline ${line(results.baseline[round])}; change ${line(results.change[round])}\n`);
    }
    const rps = (which: "baseline" | "change"): number => median(results[which].map((r) => r.result.requests.average));
    const p99 = (which: "baseline" | "change"): number => median(results[which].map((r) => r.result.latency.p99));
    const main = (which: "baseline" | "change"): string => median(results[which].map((r) => r.mainMicros)).toFixed(1);
    const all = (which: "baseline" | "change"): string => median(results[which].map((r) => r.processMicros)).toFixed(1);
    process.stdout.write(
      [
        `The ${caseName} path, ${connections} connections, median of ${rounds} rounds of ${duration} s in alternating order, Node ${process.version}, ${os.cpus().length} CPUs`,
        "",
        "| gateway | req/s | p99 (ms) | / baseline | CPU µs/request, main thread | CPU µs/request, whole process |",
        "|---|---:|---:|---:|---:|---:|",
        `| baseline ${baseline} (${revision}) | ${Math.round(rps("baseline"))} | ${p99("baseline")} | 100 % | ${main("baseline")} | ${all("baseline")} |`,
        `| working tree | ${Math.round(rps("change"))} | ${p99("change")} | ${((rps("change") / rps("baseline")) * 100).toFixed(0)} % | ${main("change")} | ${all("change")} |`,
        "",
      ].join("\n"),
    );
  } finally {
    await Promise.all([stop(gateways.baseline.child), stop(gateways.change.child)]);
    execFileSync("git", ["-C", repository, "worktree", "remove", "--force", baselineTree], { stdio: "ignore" });
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
