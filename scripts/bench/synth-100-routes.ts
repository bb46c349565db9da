import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import * as path from "node:path";

/**
 * Synth of a 100-route API (hundred-route-app.ts), as wall time and peak resident memory of the whole
 * process over several runs, beside the floor — `node -e "require('cdktf')"` — measured the same way in
 * the same run, so a loaded machine shows in both. Targets: 2 s and 250 MB.
 *
 * Usage: node --import tsx scripts/bench/synth-100-routes.ts [--runs <n>]   (default 5)
 */
const ROOT = path.resolve(__dirname, "..", "..");
const TARGET = { wallSeconds: 2, rssMb: 250 };
const APP = ["--import", "tsx", path.join("scripts", "bench", "hundred-route-app.ts")];

interface Sample {
  readonly wallSeconds: number;
  /** User plus system CPU time: what the process itself used, which a loaded machine inflates far less than wall time. */
  readonly cpuSeconds: number;
  readonly rssMb: number;
}

/** One run of `node <args>` under GNU time: wall time and peak RSS of the process. */
function measure(args: readonly string[], env: NodeJS.ProcessEnv): Sample {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", process.execPath, ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`node ${args.join(" ")} failed:\n${result.stderr}`);
  }
  const [wall, user, system, rssKb] = result.stderr.trim().split("\n").pop()?.split(" ").map(Number) ?? [];
  return { wallSeconds: wall, cpuSeconds: user + system, rssMb: rssKb / 1024 };
}

function summary(label: string, samples: readonly Sample[]): string {
  const walls = samples.map((s) => s.wallSeconds).sort((a, b) => a - b);
  const median = walls[Math.floor((walls.length - 1) / 2)];
  const cpu = samples.map((s) => s.cpuSeconds).sort((a, b) => a - b)[Math.floor((samples.length - 1) / 2)];
  const peak = Math.max(...samples.map((s) => s.rssMb));
  return `${label.padEnd(10)} median ${median.toFixed(2)} s wall (min ${walls[0].toFixed(2)}, max ${walls[walls.length - 1].toFixed(2)}), median ${cpu.toFixed(2)} s CPU, peak ${peak.toFixed(0)} MB RSS (${samples.length} runs)`;
}

function main(): void {
  const index = process.argv.indexOf("--runs");
  const runs = index >= 0 ? Number(process.argv[index + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a whole number of at least 1, got ${process.argv[index + 1]}`);
  }
  console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at start`);
  const outdir = mkdtempSync(path.join(tmpdir(), "synth-100-routes-"));
  try {
    const env = { ...process.env, CDKTF_OUTDIR: outdir };
    // A first run, not counted: it checks what is measured, and warms esbuild's and the OS's caches as a
    // developer's repeated synths would be.
    measure(APP, env);
    const stack = JSON.parse(readFileSync(path.join(outdir, "stacks", "hundred-routes", "cdk.tf.json"), "utf8")) as {
      resource: Record<string, Record<string, unknown>>;
    };
    const methods = Object.keys(stack.resource.aws_api_gateway_method ?? {}).length;
    if (methods !== 100) {
      throw new Error(`the app synthesized ${methods} methods, not 100`);
    }
    const app: Sample[] = [];
    const floor: Sample[] = [];
    for (let run = 0; run < runs; run++) {
      app.push(measure(APP, env));
      floor.push(measure(["-e", "require('cdktf')"], env));
    }
    const median = (samples: Sample[]) => samples.map((s) => s.wallSeconds).sort((a, b) => a - b)[Math.floor((samples.length - 1) / 2)];
    const peak = Math.max(...app.map((s) => s.rssMb));
    console.log(summary("100 routes", app));
    console.log(summary("floor", floor));
    console.log(
      `target ${TARGET.wallSeconds} s / ${TARGET.rssMb} MB: ${median(app) <= TARGET.wallSeconds && peak <= TARGET.rssMb ? "met" : "NOT met"}; ` +
        `above the floor: ${(median(app) - median(floor)).toFixed(2)} s, ${(peak - Math.max(...floor.map((s) => s.rssMb))).toFixed(0)} MB`,
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main();
