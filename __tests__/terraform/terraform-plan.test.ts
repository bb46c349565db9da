import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { STACK_ID } from "../../src/app/build-app";
import { loadAppConfig } from "../../src/app/app-config";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";
import { renderCliConfig } from "../../scripts/plan/cli-config";
import { PlanJson, plannedValues } from "../../scripts/plan/plan-json";
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
const LONGER_HSTS = { securityHeaders: { hsts: { preload: true, maxAgeSeconds: 63072000 } } };
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

describeWithTerraform("terraform plan of the synthesized stack (offline, real AWS provider)", () => {
  let root: string;
  let mode: PlanMode;
  let referenceStack: Record<string, unknown>;
  let validation: { valid: boolean; error_count: number; diagnostics: unknown[] };
  let first: PlanJson;
  let second: PlanJson;
  let changedHeader: PlanJson;
  let hardenedValidation: { valid: boolean; error_count: number; diagnostics: unknown[] };
  let zips: BuiltZip[];

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
    const plan = (stackDir: string): PlanJson => {
      zips = writeStackCopy({ stackDir, workDir, mode, offlineStatePath: path.join(root, "offline.tfstate") });
      terraform(noNetwork, ["plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=tfplan"]);
      return JSON.parse(terraform(noNetwork, ["show", "-json", "tfplan"])) as PlanJson;
    };

    const referenceDir = synthesize(REFERENCE, path.join(root, "synth-1"));
    referenceStack = JSON.parse(readFileSync(path.join(referenceDir, STACK_FILE), "utf8")) as Record<string, unknown>;
    mkdirSync(workDir);
    zips = writeStackCopy({ stackDir: referenceDir, workDir, mode, offlineStatePath: path.join(root, "offline.tfstate") });
    // The only init of the run: every later plan reuses its providers.
    const timings: string[] = [];
    const timed = <T>(name: string, action: () => T): T => {
      const started = Date.now();
      const result = action();
      timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    };
    timed("init", () => terraform(run, ["init", "-input=false", "-no-color"]));
    validation = timed("validate", () => JSON.parse(terraform(noNetwork, ["validate", "-json", "-no-color"])) as typeof validation);
    first = timed("plan+show 1", () => plan(referenceDir));
    second = timed("plan+show 2", () => plan(synthesize(REFERENCE, path.join(root, "synth-2"))));
    changedHeader = timed("plan+show 3", () => plan(synthesize(LONGER_HSTS, path.join(root, "synth-3"))));
    // The options the plans above leave off: a customer key for the credential parameter (the KMS
    // statement) and CORS (the MOCK preflight and its responses).
    writeStackCopy({ stackDir: synthesize(HARDENED, path.join(root, "synth-4")), workDir, mode, offlineStatePath: path.join(root, "offline.tfstate") });
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

  test("terraform validate accepts the stack with the real AWS provider", () => {
    expect(validation.valid).toBe(true);
    expect(validation.error_count).toBe(0);
    expect(validation.diagnostics).toEqual([]);
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

  test("planning the same stack twice gives the same plan", () => {
    expect(second.planned_values).toEqual(first.planned_values);
    expect(second.resource_changes).toEqual(first.resource_changes);
  });

  test("changing one header value changes the deployment's trigger input", () => {
    const before = plannedValues(first, "aws_api_gateway_deployment.api_stage_deployment").triggers as Record<string, string>;
    const after = plannedValues(changedHeader, "aws_api_gateway_deployment.api_stage_deployment").triggers as Record<string, string>;

    expect(before.redeployment).toMatch(/^[0-9a-f]{40}$/);
    expect(after.redeployment).toMatch(/^[0-9a-f]{40}$/);
    expect(after.redeployment).not.toBe(before.redeployment);
    const response = plannedValues(changedHeader, "aws_api_gateway_gateway_response.api_gateway_responses_unauthorized");
    expect((response.response_parameters as Record<string, string>)[HSTS]).toBe("'max-age=63072000; includeSubDomains; preload'");
  });

  test("changing one header value leaves the authorizer and the integration as they were", () => {
    for (const address of ["aws_api_gateway_authorizer.api_authorizer_request_authorizer", "aws_api_gateway_integration.api_paths_test_GET_integration"]) {
      expect(plannedValues(changedHeader, address)).toEqual(plannedValues(first, address));
    }
  });
});
