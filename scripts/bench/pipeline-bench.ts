import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { relocated, withManyRoutes } from "../../__tests__/local-gateway/many-routes";
import { Gateway } from "../../src/local-gateway/gateway";
import type { RawRequest } from "../../src/local-gateway/parse/incoming-request";
import { LambdaRunner } from "../../src/local-gateway/lambda/lambda-runner";
import { loadStack } from "../../src/local-gateway/stack/parse-stack";

/**
 * The gateway's request path without HTTP (parse included): how long `Gateway.handle` takes for the 401, 403 and 200 paths
 * of the synthesized app (authorizer result cached), with the real Lambda runner. Tells the gateway's own
 * cost apart from Node's HTTP handling in the figures of local-gateway-bench.ts.
 *
 * Usage: node --import tsx scripts/bench/pipeline-bench.ts [--stack <file>] [--requests <n>] [--routes <n>]
 * (--routes: the stack with routes added up to n, as in local-gateway-bench.ts)
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  let stackJsonPath = path.resolve(option("--stack", "cdktf.out/stacks/authorized-api/cdk.tf.json"));
  const routeCount = Number(option("--routes", "0"));
  if (routeCount > 0) {
    const stack = JSON.parse(readFileSync(stackJsonPath, "utf8")) as Record<string, unknown>;
    const scratch = mkdtempSync(path.join(os.tmpdir(), "pipeline-bench-"));
    const file = path.join(scratch, "cdk.tf.json");
    writeFileSync(file, JSON.stringify(withManyRoutes(relocated(stack, path.dirname(stackJsonPath)), routeCount)));
    stackJsonPath = file;
  }
  const model = loadStack(stackJsonPath);
  const requests = Number(option("--requests", "20000"));
  const runner = new LambdaRunner(model.functions.values(), { region: model.region, onOutput: () => undefined });
  void runner.warmUp();
  const gateway = new Gateway(model, runner);
  const request = (headers: string[]): RawRequest => ({
      method: "GET",
      url: "/prod/test",
      rawHeaders: ["Host", "127.0.0.1:3000", "User-Agent", "bench", ...headers],
      body: Buffer.alloc(0),
      bodyTooLarge: false,
      remoteAddress: "127.0.0.1",
      httpVersion: "1.1",
      receivedAt: Date.now(),
  });
  const cases = [
    { name: "401 (no credential)", headers: [], status: 401 },
    { name: "403 (cached Deny)", headers: ["x-custom-auth", "wrong"], status: 403 },
    { name: "200 (cached Allow, backend Lambda)", headers: ["x-custom-auth", "allow"], status: 200 },
  ];
  process.stdout.write(`| path | sequential µs/request | 10 concurrent: requests/s |\n|---|---:|---:|\n`);
  for (const testCase of cases) {
    const one = async (): Promise<void> => {
      const reply = await gateway.handle(request(testCase.headers), "127.0.0.1:3000");
      if (reply.response.statusCode !== testCase.status) {
        throw new Error(`${testCase.name}: got ${reply.response.statusCode}`);
      }
    };
    for (let i = 0; i < 1000; i += 1) {
      await one();
    }
    let started = process.hrtime.bigint();
    for (let i = 0; i < requests; i += 1) {
      await one();
    }
    const sequential = Number(process.hrtime.bigint() - started) / 1000 / requests;
    let issued = 0;
    started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (issued < requests) {
          issued += 1;
          await one();
        }
      }),
    );
    const concurrent = requests / (Number(process.hrtime.bigint() - started) / 1e9);
    process.stdout.write(`| ${testCase.name} | ${sequential.toFixed(1)} | ${Math.round(concurrent)} |\n`);
  }
  await runner.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
