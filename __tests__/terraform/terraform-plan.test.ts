import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { STACK_ID } from "../../src/app/build-app";
import { loadAppConfig } from "../../src/app/app-config";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";
import { renderCliConfig } from "../../scripts/plan/cli-config";
import { Diagnostic, PlanJson, plannedValues, streamedDiagnostics } from "../../scripts/plan/plan-json";
import { choosePlanMode, describePlanMode, PlanMode } from "../../scripts/plan/plan-mode";
import { defaultMirrorCandidates, findProviderMirror, mirrorHasProvider } from "../../scripts/plan/provider-mirror";
import { BuiltZip, STACK_FILE, writeStackCopy } from "../../scripts/plan/stack-copy";
import { findTerraform, terraform, TerraformRun } from "../../scripts/plan/terraform-cli";

const TERRAFORM = findTerraform(process.env);
if (TERRAFORM === undefined) {
  console.warn("SKIPPED: terraform plan tests — no Terraform CLI on PATH (or in TERRAFORM_BIN). Install Terraform 1.10+ to run them.");
}
const describeWithTerraform = TERRAFORM === undefined ? describe.skip : describe;

/** The reference settings (as cdktf.json has them), and the same with one header value changed. */
const REFERENCE = { securityHeaders: { hsts: { preload: true } } };
const HARDENED = {
  authorizer: { credentialKmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
  securityHeaders: { cors: { allowOrigin: "https://app.example.com", exposeHeaders: ["x-amzn-errortype"] } },
  // Every scanner-rule option on: the attributes must be ones the real provider accepts.
  logsKmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  stage: { webAclArn: "arn:aws:wafv2:ap-northeast-1:123456789012:regional/webacl/api/0123abcd-4567-89ef-0123-456789abcdef" },
  functions: {
    environmentKmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    codeSigningConfigArn: "arn:aws:lambda:ap-northeast-1:123456789012:code-signing-config:csc-0123456789abcdef0",
    backendReservedConcurrency: 20,
  },
};
const HSTS = "gatewayresponse.header.Strict-Transport-Security";

const RESPONSE_TYPE_NAMES = [
  "access_denied",
  "api_configuration_error",
  "authorizer_configuration_error",
  "authorizer_failure",
  "bad_request_body",
  "bad_request_parameters",
  "default_4xx",
  "default_5xx",
  "expired_token",
  "integration_failure",
  "integration_timeout",
  "invalid_api_key",
  "invalid_signature",
  "missing_authentication_token",
  "quota_exceeded",
  "request_too_large",
  "resource_not_found",
  "throttled",
  "unauthorized",
  "unsupported_media_type",
  "waf_filtered",
];

const EXPECTED_RESOURCES = [
  "aws_api_gateway_account.apigateway_logging_settings",
  "aws_api_gateway_authorizer.api_authorizer_request_authorizer",
  "aws_api_gateway_deployment.api_stage_deployment",
  ...RESPONSE_TYPE_NAMES.map((name) => `aws_api_gateway_gateway_response.api_gateway_responses_${name}`),
  "aws_api_gateway_integration.api_paths_test_GET_integration",
  "aws_api_gateway_method.api_paths_test_GET_method",
  "aws_api_gateway_method_settings.api_stage_method_settings",
  "aws_api_gateway_resource.api_paths_test_resource",
  "aws_api_gateway_rest_api.api_rest_api",
  "aws_api_gateway_stage.api_stage_stage",
  "aws_cloudwatch_log_group.api_stage_access_logs",
  "aws_cloudwatch_log_group.api_stage_execution_logs",
  "aws_cloudwatch_log_group.authorizer_lambda_logs",
  "aws_cloudwatch_log_group.backend_lambda_logs",
  "aws_iam_role.apigateway_logging_role",
  "aws_iam_role.authorizer_lambda_role",
  "aws_iam_role.backend_lambda_role",
  "aws_iam_role_policy.authorizer_lambda_log_policy",
  "aws_iam_role_policy.authorizer_lambda_permissions",
  "aws_iam_role_policy.backend_lambda_log_policy",
  "aws_iam_role_policy.backend_lambda_permissions",
  "aws_iam_role_policy_attachment.apigateway_logging_push_to_logs",
  "aws_lambda_function.authorizer_lambda_function",
  "aws_lambda_function.backend_lambda_function",
  "aws_lambda_permission.api_authorizer_request_invoke_permission",
  "aws_lambda_permission.api_paths_test_GET_invoke_permission",
].sort();

function synthesize(context: unknown, outdir: string): string {
  const app = new App({ outdir, skipValidation: true });
  new AuthorizedApiStack(app, STACK_ID, loadAppConfig(context, {}));
  app.synth();
  return path.join(outdir, "stacks", STACK_ID);
}

/** Every file under `dir` (relative path → bytes), `.terraform` and plan files left out. */
function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, file);
    if (entry.isFile() && !relative.startsWith(".terraform") && !relative.startsWith("tfplan")) {
      files.set(relative, readFileSync(file));
    }
  }
  return files;
}

describeWithTerraform("terraform plan of the synthesized stack (offline, real AWS provider)", () => {
  let root: string;
  let mode: PlanMode;
  let referenceStack: Record<string, unknown>;
  let diagnostics: Diagnostic[];
  let first: PlanJson;
  let firstInput: Map<string, Buffer>;
  let secondInput: Map<string, Buffer>;
  let hardenedValidation: { valid: boolean; error_count: number; diagnostics: unknown[] };
  let zips: BuiltZip[];

  // Each Terraform command that loads the AWS provider costs about 3 s of CPU, so the run keeps to three:
  // one plan (which validates first, and streams the same diagnostics validate would), its `show -json`,
  // and a validate of the hardened stack.
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "tf-plan-test-"));
    const workDir = path.join(root, "work");
    const found = findProviderMirror(process.env, defaultMirrorCandidates(homedir()));
    mode = choosePlanMode({
      offline: true,
      mirror: found && { dir: found.dir, hasArchive: mirrorHasProvider(found.dir, "hashicorp/archive") },
    });
    console.info(`terraform plan test mode:\n  ${describePlanMode(mode, found?.dir).join("\n  ")}`);

    const env: NodeJS.ProcessEnv = { ...process.env, TF_DATA_DIR: path.join(root, "tf-data"), CHECKPOINT_DISABLE: "1" };
    if (found !== undefined) {
      env.TF_CLI_CONFIG_FILE = path.join(root, "terraform.rc");
      writeFileSync(env.TF_CLI_CONFIG_FILE, renderCliConfig({ mirrorDir: found.dir }));
    }
    const run: TerraformRun = { terraform: TERRAFORM as string, cwd: workDir, env, stream: false };
    // After init nothing may reach the network: every HTTP(S) call the provider tried would hit a closed
    // local port and fail the plan.
    const noNetwork: TerraformRun = {
      ...run,
      env: { ...env, HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "", AWS_EC2_METADATA_DISABLED: "true" },
    };
    const copyOf = (stackDir: string, into: string): BuiltZip[] =>
      writeStackCopy({ stackDir, workDir: into, mode, offlineStatePath: path.join(root, "offline.tfstate") });

    const referenceDir = synthesize(REFERENCE, path.join(root, "synth-1"));
    referenceStack = JSON.parse(readFileSync(path.join(referenceDir, STACK_FILE), "utf8")) as Record<string, unknown>;
    zips = copyOf(referenceDir, workDir);
    firstInput = filesUnder(workDir);
    // The same configuration synthesized again, copied beside the first: what Terraform would be given.
    const secondDir = path.join(root, "work-2");
    copyOf(synthesize(REFERENCE, path.join(root, "synth-2")), secondDir);
    secondInput = filesUnder(secondDir);

    const timings: string[] = [];
    const timed = <T>(name: string, action: () => T): T => {
      const started = Date.now();
      const result = action();
      timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    };
    timed("init", () => terraform(run, ["init", "-input=false", "-no-color"]));
    diagnostics = streamedDiagnostics(
      timed("plan", () => terraform(noNetwork, ["plan", "-json", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=tfplan"])),
    );
    first = timed("show", () => JSON.parse(terraform(noNetwork, ["show", "-json", "tfplan"])) as PlanJson);
    // The options the plan above leaves off: a customer key for the credential parameter (the KMS
    // statement), CORS (the MOCK preflight and its responses) and every scanner-rule option.
    copyOf(synthesize(HARDENED, path.join(root, "synth-3")), workDir);
    hardenedValidation = timed("validate hardened", () => JSON.parse(terraform(noNetwork, ["validate", "-json", "-no-color"])) as typeof hardenedValidation);
    // Information for the CI log, not an assertion: the figures in docs/terraform-plan.md come from here.
    console.info(`terraform plan test timings: ${timings.join(", ")}`);
  }, 300_000);

  afterAll(() => {
    if (root !== undefined) {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("terraform validate accepts the stack with CORS, a customer KMS key for the credential, and every scanner-rule option on", () => {
    expect(hardenedValidation.valid).toBe(true);
    expect(hardenedValidation.error_count).toBe(0);
    expect(hardenedValidation.diagnostics).toEqual([]);
  });

  test("the real AWS provider accepts the stack: the plan reports no error and no warning", () => {
    expect(diagnostics).toEqual([]);
  });

  test("the plan creates exactly the expected resources, and changes or destroys nothing", () => {
    const managed = (first.resource_changes ?? []).filter((c) => c.mode === "managed");

    expect(managed.map((c) => c.address).sort()).toEqual(EXPECTED_RESOURCES);
    for (const change of managed) {
      expect(change.change.actions).toEqual(["create"]);
    }
  });

  test.each([
    ["unauthorized", "UNAUTHORIZED", "401"],
    ["access_denied", "ACCESS_DENIED", "403"],
  ])("the %s gateway response is planned with its status code and the HSTS header", (name, type, status) => {
    const values = plannedValues(first, `aws_api_gateway_gateway_response.api_gateway_responses_${name}`);

    expect(values.response_type).toBe(type);
    expect(values.status_code).toBe(status);
    expect((values.response_parameters as Record<string, string>)[HSTS]).toBe("'max-age=31536000; includeSubDomains; preload'");
  });

  test.each([["default_4xx", "DEFAULT_4XX"], ["default_5xx", "DEFAULT_5XX"], ["authorizer_failure", "AUTHORIZER_FAILURE"], ["throttled", "THROTTLED"]])(
    "the %s gateway response keeps each error's own status code and carries the HSTS header",
    (name, type) => {
      const values = plannedValues(first, `aws_api_gateway_gateway_response.api_gateway_responses_${name}`);

      expect(values.response_type).toBe(type);
      expect(values.status_code).toBeNull();
      expect((values.response_parameters as Record<string, string>)[HSTS]).toBe("'max-age=31536000; includeSubDomains; preload'");
    },
  );

  test("the authorizer is a REQUEST authorizer on the x-custom-auth header with a 300 s cache", () => {
    const values = plannedValues(first, "aws_api_gateway_authorizer.api_authorizer_request_authorizer");

    expect(values.type).toBe("REQUEST");
    expect(values.identity_source).toBe("method.request.header.x-custom-auth");
    expect(values.authorizer_result_ttl_in_seconds).toBe(300);
  });

  test("the method uses the custom authorizer and the integration is a Lambda proxy", () => {
    const method = plannedValues(first, "aws_api_gateway_method.api_paths_test_GET_method");
    const integration = plannedValues(first, "aws_api_gateway_integration.api_paths_test_GET_integration");

    expect(method.authorization).toBe("CUSTOM");
    expect(method.http_method).toBe("GET");
    expect(integration.type).toBe("AWS_PROXY");
    expect(integration.integration_http_method).toBe("POST");
  });

  test("the stage is named prod and the deployment no longer names one", () => {
    expect(plannedValues(first, "aws_api_gateway_stage.api_stage_stage").stage_name).toBe("prod");
    expect(plannedValues(first, "aws_api_gateway_deployment.api_stage_deployment").stage_name).toBeNull();
  });

  test("each function's code hash is the base64 SHA-256 of its zip", () => {
    for (const fn of ["authorizer", "backend"]) {
      const values = plannedValues(first, `aws_lambda_function.${fn}_lambda_function`);
      expect(values.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      if (mode.archives === "built-here") {
        const zip = zips.find((z) => z.name === `${fn}_lambda_archive`);
        expect(values.source_code_hash).toBe(zip?.base64Sha256);
        expect(values.filename).toBe(`./archives/Api-${fn}.zip`);
      }
    }
  });

  test("the stack needs no network at plan time: its only data sources are local archives", () => {
    const dataTypes = Object.keys((referenceStack.data ?? {}) as Record<string, unknown>);
    const plannedData = (first.configuration.root_module.resources ?? []).filter((r) => r.mode === "data");

    expect(dataTypes.filter((type) => type !== "archive_file")).toEqual([]);
    expect(plannedData.filter((r) => r.type !== "archive_file")).toEqual([]);
    expect((first.resource_changes ?? []).filter((c) => c.mode === "data" && c.type !== "archive_file")).toEqual([]);
  });

  test("synthesizing the same configuration twice gives Terraform byte-identical input, so the same plan", () => {
    // The plan is a function of its input (configuration, bundles, zips) with an empty state and no
    // refresh: identical bytes leave Terraform nothing to plan differently.
    expect([...secondInput.keys()].sort()).toEqual([...firstInput.keys()].sort());
    expect([...firstInput.keys()]).toEqual(expect.arrayContaining([STACK_FILE, "archives/Api-authorizer.zip", "archives/Api-backend.zip"]));
    for (const [file, bytes] of firstInput) {
      expect({ file, same: bytes.equals(secondInput.get(file) as Buffer) }).toEqual({ file, same: true });
    }
  });

  test("the planned deployment trigger is the SHA-1 the stack carries", () => {
    const triggers = plannedValues(first, "aws_api_gateway_deployment.api_stage_deployment").triggers as Record<string, string>;
    const resources = referenceStack.resource as Record<string, Record<string, { triggers: Record<string, string> }>>;

    expect(triggers.redeployment).toMatch(/^[0-9a-f]{40}$/);
    expect(triggers.redeployment).toBe(resources.aws_api_gateway_deployment.api_stage_deployment.triggers.redeployment);
  });
});
