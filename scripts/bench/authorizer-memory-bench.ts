import { randomBytes } from "node:crypto";
import * as path from "node:path";
import autocannon from "autocannon";
import { startChild, stop } from "./bench-children";

/**
 * `node --import tsx scripts/bench/authorizer-memory-bench.ts`: the local gateway's resident memory while
 * every request brings a new 4 KB credential (each one invokes the authorizer and is cached), at 200
 * connections for 30 s — the bounded authorizer cache keeps the growth flat. Prints the RSS before, at its
 * peak, and at the end.
 *
 * Options: --stack <file> (default the synthesized app), --duration <s> (default 30), --connections <n>
 * (default 200), --header <name> (the identity header, default x-custom-auth), --concurrency <n> (the
 * gateway's execution environments per function, default its own: 8).
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const stackJsonPath = path.resolve(option("--stack", "cdktf.out/stacks/authorized-api/cdk.tf.json"));
  const duration = Number(option("--duration", "30"));
  const connections = Number(option("--connections", "200"));
  const identityHeader = option("--header", "x-custom-auth");

  const concurrency = option("--concurrency", "");
  const gateway = startChild(["gateway", stackJsonPath, ...(concurrency === "" ? [] : [concurrency])]);
  const stageUrl = (await gateway.next()).urls?.[0] ?? "";
  let heapUsed = 0;
  let heapTotal = 0;
  const rss = async (): Promise<number> => {
    gateway.child.send({ type: "rss" });
    const reply = await gateway.next();
    heapUsed = reply.heapUsed ?? 0;
    heapTotal = reply.heapTotal ?? 0;
    return reply.rss ?? 0;
  };
  const credential = (): string => randomBytes(3072).toString("base64");
  const load = (seconds: number): Promise<autocannon.Result> =>
    autocannon({
      url: `${stageUrl}/test`,
      connections,
      duration: seconds,
      requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, [identityHeader]: credential() } }) }],
    });

  await load(2); // warm: every execution environment the load needs is started
  const before = await rss();
  let peak = before;
  const sampler = setInterval(() => {
    void rss().then((value) => {
      peak = Math.max(peak, value);
      process.stderr.write(`rss ${(value / 1024 / 1024).toFixed(0)} MB, main heap ${(heapUsed / 1024 / 1024).toFixed(0)} MB used of ${(heapTotal / 1024 / 1024).toFixed(0)} MB\n`);
    });
  }, 1000);
  const result = await load(duration);
  clearInterval(sampler);
  const after = await rss();
  peak = Math.max(peak, after);
  await stop(gateway.child);

  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
  process.stdout.write(
    [
      `${connections} connections, ${duration} s, a new ${credential().length}-character credential per request, ${concurrency === "" ? "default" : concurrency} environments per function, Node ${process.version}`,
      "",
      "| requests | statuses | RSS before (MB) | RSS peak (MB) | RSS after (MB) | growth at peak (MB) |",
      "|---:|---|---:|---:|---:|---:|",
      `| ${result.requests.total} | ${JSON.stringify(result.statusCodeStats)} | ${mb(before)} | ${mb(peak)} | ${mb(after)} | ${mb(peak - before)} |`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
