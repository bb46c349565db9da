import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Testing } from "cdktf";
import { buildSync } from "esbuild";
import { bundleHandler } from "../../src/lambda/bundle";
import { NodejsFunction, NodejsFunctionProps } from "../../src/lambda/nodejs-function";
import { onlyResource, parseStack, SynthesizedStack } from "../support/terraform-json";

// esbuild itself, counted: the bundle-reuse tests below assert when it runs.
jest.mock("esbuild", () => {
  const actual = jest.requireActual<typeof import("esbuild")>("esbuild");
  return { ...actual, buildSync: jest.fn(actual.buildSync) };
});
const build = buildSync as jest.MockedFunction<typeof buildSync>;

const ENTRY = path.resolve(__dirname, "..", "..", "lambdas", "backend", "index.ts");

function synth(props: Partial<NodejsFunctionProps> = {}): string {
  return Testing.synthScope((scope) => {
    new NodejsFunction(scope, "hello", { functionName: "Api-hello", entry: ENTRY, ...props });
  });
}

function onlyArchive(stack: SynthesizedStack): Record<string, unknown> {
  return Object.values(stack.data?.archive_file ?? {})[0];
}

describe("NodejsFunction", () => {
  const synthesized = synth({ environment: { GREETING: "hi" } });
  const stack = parseStack(synthesized);

  test("runs a current Node.js runtime with the bundle's handler", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "Api-hello",
      runtime: "nodejs22.x",
      handler: "index.handler",
    });
  });

  test("deploys the zip of the archive provider, versioned by its base64 SHA-256", () => {
    const [archiveName] = Object.keys(stack.data?.archive_file ?? {});
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      filename: `\${data.archive_file.${archiveName}.output_path}`,
      source_code_hash: `\${data.archive_file.${archiveName}.output_base64sha256}`,
    });
  });

  test("zips a bundle inside the stack folder, with paths relative to path.module", () => {
    expect(synthesized).toHaveDataSourceWithProperties(DataArchiveFile, { type: "zip", output_file_mode: "0644" });
    const archive = onlyArchive(stack);
    expect(archive.source_dir).toMatch(/^\$\{path\.module\}\/assets\/[^/]+\/[0-9A-F]+$/);
    expect(archive.output_path).toBe("${path.module}/archives/Api-hello.zip");
  });

  test("contains no absolute path of the machine that synthesized it", () => {
    expect(synthesized).not.toContain(path.resolve(__dirname, "..", ".."));
  });

  test("passes its configuration as environment variables", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, { environment: { variables: { GREETING: "hi" } } });
  });

  test("encrypts its environment and log group, and requires signed code, only when given keys and a signing config", () => {
    const key = "arn:aws:kms:eu-west-1:123456789012:key/abc";
    const signing = "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0123456789abcdef0";
    const json = synth({ environmentKmsKeyArn: key, logsKmsKeyArn: key, codeSigningConfigArn: signing });
    expect(json).toHaveResourceWithProperties(LambdaFunction, { kms_key_arn: key, code_signing_config_arn: signing });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { kms_key_id: key });
    expect(synthesized).not.toHaveResourceWithProperties(LambdaFunction, { kms_key_arn: key });
  });

  test("keeps its logs in its own group, for a year by default", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/lambda/Api-hello", retention_in_days: 365 });
  });

  test("has a role only Lambda can assume", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "Api-hello-role" });
    expect(JSON.parse(onlyResource(stack, "aws_iam_role").assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  test("may write only to its own log group's streams", () => {
    const [logGroupName] = Object.keys(stack.resource?.aws_cloudwatch_log_group ?? {});
    const logPolicy = Object.values(stack.resource?.aws_iam_role_policy ?? {}).find((p) => p.name === "write-own-logs");
    const policy = JSON.parse(logPolicy?.policy as string) as {
      Statement: { Effect: string; Action: string[]; Resource: string }[];
    };
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `\${aws_cloudwatch_log_group.${logGroupName}.arn}:log-stream:*`,
      },
    ]);
  });

  test("is traced by X-Ray, and may write traces and nothing else besides its logs", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, { tracing_config: { mode: "Active" } });
    const permissions = Object.values(stack.resource?.aws_iam_role_policy ?? {}).find((p) => p.name === "function-permissions");
    expect(JSON.parse(permissions?.policy as string).Statement).toEqual([
      { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" },
    ]);
  });

  test("without tracing has no tracing config and no extra policy", () => {
    const untraced = parseStack(synth({ tracing: false }));
    expect(onlyResource(untraced, "aws_lambda_function")).not.toHaveProperty("tracing_config");
    expect(Object.keys(untraced.resource?.aws_iam_role_policy ?? {})).toHaveLength(1);
  });

  test("grants the statements it is given, and is created after them", () => {
    const statement = { Effect: "Allow" as const, Action: ["ssm:GetParameter"], Resource: "arn:aws:ssm:ap-northeast-1:123456789012:parameter/x" };
    const granted = parseStack(synth({ policyStatements: [statement] }));
    const permissionsEntry = Object.entries(granted.resource?.aws_iam_role_policy ?? {}).find(([, p]) => p.name === "function-permissions");
    expect(JSON.parse(permissionsEntry?.[1].policy as string).Statement).toContainEqual(statement);
    expect(onlyResource(granted, "aws_lambda_function").depends_on).toContain(`aws_iam_role_policy.${permissionsEntry?.[0]}`);
  });

  test("reserves concurrency only when asked", () => {
    expect(onlyResource(stack, "aws_lambda_function")).not.toHaveProperty("reserved_concurrent_executions");
    expect(synth({ reservedConcurrency: 20 })).toHaveResourceWithProperties(LambdaFunction, { reserved_concurrent_executions: 20 });
  });

  test("attaches no managed policy", () => {
    expect(stack.resource).not.toHaveProperty("aws_iam_role_policy_attachment");
  });

  test("is created after its log group and log permission", () => {
    const dependsOn = onlyResource(stack, "aws_lambda_function").depends_on as string[];
    expect(dependsOn.some((d) => d.startsWith("aws_cloudwatch_log_group."))).toBe(true);
    expect(dependsOn.some((d) => d.startsWith("aws_iam_role_policy."))).toBe(true);
  });

  test("rejects a function name Lambda does not accept", () => {
    expect(() => synth({ functionName: "has space" })).toThrow(
      "property 'functionName' must be 1 to 64 letters, digits, '-' or '_', got \"has space\"",
    );
  });

  test("rejects a retention period CloudWatch does not offer", () => {
    expect(() => synth({ logRetentionDays: 10 })).toThrow(/property 'logRetentionDays' must be one of 1, 3, 5, 7, 14, .*, got 10/);
  });

  test.each<[keyof NodejsFunctionProps, number, string]>([
    ["memorySizeMb", 64, "property 'memorySizeMb' must be a whole number from 128 to 10240, got 64"],
    ["timeoutSeconds", 0, "property 'timeoutSeconds' must be a whole number from 1 to 900, got 0"],
    ["reservedConcurrency", 0, "property 'reservedConcurrency' must be a whole number from 1 to 10000, got 0"],
  ])("rejects %s %i", (prop, value, message) => {
    expect(() => synth({ [prop]: value })).toThrow(message);
  });
});

describe("bundleHandler", () => {
  test("bundles the TypeScript handler into one CommonJS index.js that exports handler", () => {
    const folder = bundleHandler(ENTRY);
    const code = readFileSync(path.join(folder, "index.js"), "utf8");
    expect(code).toContain("Hello, World!");
    const module = { exports: {} as Record<string, unknown> };
    new Function("module", "exports", "require", code)(module, module.exports, require);
    expect(typeof module.exports.handler).toBe("function");
  });

  test("gives an unchanged handler the same folder", () => {
    expect(bundleHandler(ENTRY)).toBe(bundleHandler(ENTRY));
  });

  describe("called again in the same process", () => {
    let dir: string;
    let entry: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "bundle-reuse-"));
      entry = path.join(dir, "index.ts");
      writeFileSync(entry, 'import { greeting } from "./greeting";\nexport const handler = async (): Promise<string> => greeting;\n');
      writeFileSync(path.join(dir, "greeting.ts"), 'export const greeting = "first";\n');
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    test("reuses the bundle without running esbuild while no input file changed", () => {
      build.mockClear();
      const first = bundleHandler(entry);
      const second = bundleHandler(entry);

      expect(second).toBe(first);
      expect(build).toHaveBeenCalledTimes(1);
    });

    test("bundles again when a file the entry imports changed, even to the same length", () => {
      build.mockClear();
      const first = bundleHandler(entry);
      writeFileSync(path.join(dir, "greeting.ts"), 'export const greeting = "other";\n');
      const second = bundleHandler(entry);

      expect(build).toHaveBeenCalledTimes(2);
      expect(second).not.toBe(first);
      expect(readFileSync(path.join(second, "index.js"), "utf8")).toContain('"other"');
    });

    test("bundles again when an input file is gone, and reports what esbuild cannot resolve", () => {
      bundleHandler(entry);
      rmSync(path.join(dir, "greeting.ts"));

      expect(() => bundleHandler(entry)).toThrow(/Could not resolve "\.\/greeting"/);
    });
  });
});
