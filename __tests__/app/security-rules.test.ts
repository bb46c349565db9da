import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { loadAppConfig } from "../../src/app/app-config";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";
import { parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";

/**
 * The scanner rules (checkov, trivy) that apply to these resources, each checked over the synthesized
 * stack the way the scanner reads it. The default configuration (credential in SSM) is scanned.
 */
const stack = parseStack(
  Testing.synth(new AuthorizedApiStack(Testing.app(), "authorized-api", loadAppConfig({ securityHeaders: { cors: { allowOrigin: "https://app.example.com" } } }, {}))),
);

type Statement = { Effect: string; Action: string | string[]; Resource: string | string[] };
const all = (type: string): Record<string, unknown>[] => Object.values(resourcesOfType(stack, type));
const statements = (s: SynthesizedStack): Statement[] =>
  Object.values(resourcesOfType(s, "aws_iam_role_policy")).flatMap((p) => (JSON.parse(p.policy as string) as { Statement: Statement[] }).Statement);
const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

const MET: [rule: string, what: string, holds: () => boolean][] = [
  ["CKV_AWS_59 / trivy AWS-0004", "no method is open without authorization (the CORS preflight excepted)", () =>
    all("aws_api_gateway_method").every((m) => m.http_method === "OPTIONS" || (m.authorization !== "NONE" && m.authorizer_id !== undefined))],
  ["CKV_AWS_76 / trivy AWS-0001", "the stage writes access logs", () =>
    all("aws_api_gateway_stage").every((s) => typeof (s.access_log_settings as { destination_arn?: string } | undefined)?.destination_arn === "string")],
  ["CKV_AWS_73 / trivy AWS-0003", "the stage is traced by X-Ray", () => all("aws_api_gateway_stage").every((s) => s.xray_tracing_enabled === true)],
  ["CKV2_AWS_4", "the stage has execution logging at a set level", () =>
    all("aws_api_gateway_method_settings").some((m) => ["ERROR", "INFO"].includes((m.settings as { logging_level: string }).logging_level))],
  ["data trace", "execution logs never hold full requests (the credential header)", () =>
    all("aws_api_gateway_method_settings").every((m) => (m.settings as { data_trace_enabled: boolean }).data_trace_enabled === false)],
  ["CKV_AWS_217", "deployments are created before they are destroyed", () =>
    all("aws_api_gateway_deployment").every((d) => (d.lifecycle as { create_before_destroy?: boolean } | undefined)?.create_before_destroy === true)],
  ["CKV_AWS_237", "the REST API is created before it is destroyed", () =>
    all("aws_api_gateway_rest_api").every((d) => (d.lifecycle as { create_before_destroy?: boolean } | undefined)?.create_before_destroy === true)],
  ["CKV_AWS_364 / trivy AWS-0067", "every Lambda permission for a service names its source ARN, none every stage, method and path", () =>
    all("aws_lambda_permission").every((p) => typeof p.source_arn === "string" && !String(p.source_arn).includes("/*/*/*"))],
  ["CKV_AWS_50 / trivy AWS-0066", "every function is traced by X-Ray", () =>
    all("aws_lambda_function").every((f) => (f.tracing_config as { mode?: string } | undefined)?.mode === "Active")],
  ["CKV_AWS_115", "the authorizer has a concurrency limit", () =>
    typeof resourcesOfType(stack, "aws_lambda_function").authorizer_lambda_function.reserved_concurrent_executions === "number"],
  ["CKV_AWS_66", "every log group has a retention period", () => all("aws_cloudwatch_log_group").every((g) => typeof g.retention_in_days === "number")],
  ["CKV_AWS_338", "every log group keeps its logs for at least a year", () => all("aws_cloudwatch_log_group").every((g) => (g.retention_in_days as number) >= 365)],
  ["CKV_AWS_45", "no function's environment holds a secret", () =>
    all("aws_lambda_function").every((f) => !JSON.stringify(f.environment ?? {}).includes("EXPECTED_CREDENTIAL"))],
  ["CKV_AWS_290 / CKV_AWS_355", "no policy allows '*' resources except for X-Ray's unrestrictable write actions", () =>
    statements(stack).every((s) => !asList(s.Resource).includes("*") || asList(s.Action).every((a) => a.startsWith("xray:Put")))],
  ["CKV_AWS_60 / CKV_AWS_61", "every role trusts exactly one AWS service", () =>
    all("aws_iam_role").every((r) => {
      const trust = JSON.parse(r.assume_role_policy as string) as { Statement: { Principal: { Service?: string } }[] };
      return trust.Statement.length === 1 && /^[a-z]+\.amazonaws\.com$/.test(trust.Statement[0].Principal.Service ?? "");
    })],
  ["least privilege", "no action wildcards anywhere", () => statements(stack).every((s) => asList(s.Action).every((a) => !a.includes("*")))],
];

/** Rules the stack deliberately does not meet; each is explained in the README. */
const NOT_MET: [rule: string, holdsNot: () => boolean][] = [
  ["CKV2_AWS_29", () => stack.resource?.aws_wafv2_web_acl_association === undefined],
  ["CKV_AWS_117", () => all("aws_lambda_function").every((f) => f.vpc_config === undefined)],
  ["CKV_AWS_116", () => all("aws_lambda_function").every((f) => f.dead_letter_config === undefined)],
  ["CKV_AWS_173", () => all("aws_lambda_function").every((f) => f.kms_key_arn === undefined)],
  ["CKV_AWS_272", () => all("aws_lambda_function").every((f) => f.code_signing_config_arn === undefined)],
  ["CKV_AWS_120", () => all("aws_api_gateway_stage").every((s) => s.cache_cluster_enabled === undefined)],
  ["CKV_AWS_225", () => all("aws_api_gateway_method_settings").every((m) => (m.settings as Record<string, unknown>).caching_enabled === undefined)],
  ["CKV_AWS_308", () => all("aws_api_gateway_method_settings").every((m) => (m.settings as Record<string, unknown>).cache_data_encrypted === undefined)],
  ["CKV_AWS_158", () => all("aws_cloudwatch_log_group").every((g) => g.kms_key_id === undefined)],
  ["CKV2_AWS_51", () => all("aws_api_gateway_stage").every((s) => s.client_certificate_id === undefined)],
];

describe("scanner rules the stack meets", () => {
  test.each(MET)("%s: %s", (_rule, _what, holds) => {
    expect(holds()).toBe(true);
  });
});

describe("scanner rules the stack deliberately does not meet", () => {
  const readme = readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");

  test.each(NOT_MET)("%s is not met, and the README says why", (rule, holdsNot) => {
    expect(holdsNot()).toBe(true);
    expect(readme).toMatch(new RegExp(`\\| \`${rule}\`[^|]*\\|[^|]{20,}\\|`));
  });

  test("the inline demo credential breaks CKV_AWS_45, which is why synth warns about it", () => {
    const demo = parseStack(Testing.synth(new AuthorizedApiStack(Testing.app(), "demo", loadAppConfig({ authorizer: { credentialSource: "inline-demo" } }, {}))));
    expect(resourcesOfType(demo, "aws_lambda_function").authorizer_lambda_function.environment).toMatchObject({
      variables: { CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "allow" },
    });
  });
});
