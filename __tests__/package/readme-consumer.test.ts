import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { transformSync } from "esbuild";
import { parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";
import { firstTypeScriptBlock } from "./support/readme-block";
import { installConsumer, packRepository, REPO, run } from "./support/scratch-consumer";

const HSTS = "'max-age=63072000; includeSubDomains; preload'";

let root: string;
let consumer: string;
let tarball: string;
let block: string;
let stack: SynthesizedStack;
let resolved: string;

/**
 * The README's consumer, as a user would run it: the packed package installed by npm into a project of
 * its own outside this repository, the block compiled to JavaScript and run with plain `node` — no tsx, no
 * path mapping, nothing of this repository on the module path but the linked peers.
 */
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "readme-consumer-"));
  consumer = path.join(root, "consumer");
  tarball = packRepository(root);
  installConsumer(consumer, tarball);
  block = firstTypeScriptBlock(readFileSync(path.join(REPO, "README.md"), "utf8"), "Use it in your own stack");
  writeFileSync(path.join(consumer, "main.ts"), block);
  // The handlers the block names (lambdas/<name>.ts): each bundled by the package's esbuild at synth.
  mkdirSync(path.join(consumer, "lambdas"));
  for (const name of ["partner-authorizer", "jwt-authorizer", "orders"]) {
    writeFileSync(path.join(consumer, "lambdas", `${name}.ts`), `export const handler = async (): Promise<string> => ${JSON.stringify(name)};\n`);
  }
  writeFileSync(path.join(consumer, "main.js"), transformSync(block, { loader: "ts", format: "cjs", platform: "node", target: "node20" }).code);
  const env = { ...process.env, NODE_PATH: "", NODE_OPTIONS: "" };
  resolved = run("node", ["-p", "require.resolve('cdktf-secure-rest-api')"], consumer, env).trim();
  run("node", ["main.js"], consumer, env);
  const stacks = readdirSync(path.join(consumer, "cdktf.out", "stacks"));
  stack = parseStack(readFileSync(path.join(consumer, "cdktf.out", "stacks", stacks[0], "cdk.tf.json"), "utf8"));
}, 300_000);

afterAll(() => {
  if (root !== undefined) {
    rmSync(root, { recursive: true, force: true });
  }
});

const methods = (): string[] =>
  Object.values(resourcesOfType(stack, "aws_api_gateway_method")).map((m) => `${String(m.http_method)} ${String(m.authorization)}`).sort();

describe("the README's consumer, run against the packed package", () => {
  test("the tarball holds the built JavaScript and declarations, and no sources, tests or Lambdas", () => {
    const files = run("tar", ["-tzf", tarball], root).trim().split("\n");
    expect(files).toEqual(expect.arrayContaining(["package/package.json", "package/dist/index.js", "package/dist/index.d.ts"]));
    expect(files.filter((file) => !/^package\/(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
  });

  test("the package name resolves to the installed tarball's dist/, not to this repository", () => {
    expect(resolved).toBe(path.join(realpathSync(consumer), "node_modules", "cdktf-secure-rest-api", "dist", "index.js"));
  });

  test("the block type-checks against the installed package's declarations", () => {
    writeFileSync(
      path.join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] },
        files: ["main.ts"],
      }),
    );
    expect(run(path.join(REPO, "node_modules", ".bin", "tsc"), ["-p", "."], consumer)).toBe("");
  });

  test("it synthesized the three routes: GET /health public, the others behind an authorizer", () => {
    expect(methods()).toEqual(["GET CUSTOM", "GET NONE", "POST CUSTOM"]);
    const paths = Object.values(resourcesOfType(stack, "aws_api_gateway_resource")).map((r) => r.path_part).sort();
    expect(paths).toEqual(["health", "orders", "{id}"]);
  });

  test("it synthesized one REQUEST and one TOKEN authorizer, each with an invoke permission of its own", () => {
    const authorizers = Object.values(resourcesOfType(stack, "aws_api_gateway_authorizer"));
    expect(authorizers.map((a) => a.type).sort()).toEqual(["REQUEST", "TOKEN"]);
    const scoped = Object.values(resourcesOfType(stack, "aws_lambda_permission")).filter((p) => String(p.source_arn).includes("/authorizers/"));
    expect(scoped).toHaveLength(2);
  });

  test("the gateway's own 401 (UNAUTHORIZED) carries HSTS with preload, as do all 21 response types", () => {
    const responses = Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response"));
    const unauthorized = responses.find((r) => r.response_type === "UNAUTHORIZED");
    expect(unauthorized).toBeDefined();
    // The library's default leaves the status code to the type (UNAUTHORIZED's own is 401); one set must be 401.
    expect(unauthorized?.status_code ?? "401").toBe("401");
    expect((unauthorized?.response_parameters as Record<string, string>)["gatewayresponse.header.Strict-Transport-Security"]).toBe(HSTS);
    expect(responses).toHaveLength(21);
    for (const response of responses) {
      expect((response.response_parameters as Record<string, string>)["gatewayresponse.header.Strict-Transport-Security"]).toBe(HSTS);
    }
  });

  test("it synthesized the custom domain with its alias record", () => {
    const domains = Object.values(resourcesOfType(stack, "aws_api_gateway_domain_name"));
    expect(domains.map((d) => [d.domain_name, d.security_policy])).toEqual([["api.example.com", "TLS_1_2"]]);
    expect(Object.values(resourcesOfType(stack, "aws_route53_record"))).toHaveLength(1);
  });

  test("each Lambda is bundled into the stack folder by the package's esbuild", () => {
    const functions = Object.values(resourcesOfType(stack, "aws_lambda_function")).map((f) => f.function_name).sort();
    expect(functions).toEqual(["orders-jwt-authorizer", "orders-orders", "orders-partner-authorizer"]);
    expect(Object.keys(stack.data?.archive_file ?? {})).toHaveLength(3);
  });
});
