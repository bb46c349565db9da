import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { STACK_ID } from "../../src/app/build-app";
import { loadAppConfig } from "../../src/app/app-config";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";
import { renderCliConfig } from "../../scripts/plan/cli-config";
import { countChanges, Diagnostic, PlanJson, plannedValues, streamedDiagnostics } from "../../scripts/plan/plan-json";
import { choosePlanMode, describePlanMode, PlanMode } from "../../scripts/plan/plan-mode";
import { defaultMirrorCandidates, findProviderMirror, mirrorHasProvider } from "../../scripts/plan/provider-mirror";
import { BuiltZip, STACK_FILE, writeStackCopy } from "../../scripts/plan/stack-copy";
import { findTerraform, terraform, TerraformRun } from "../../scripts/plan/terraform-cli";
import { synthOrdersApi, testCredentials } from "../examples/support/orders-api";
import { writeModuleCopy } from "./support/module-copy";
import { modulePlan } from "./support/module-plan";

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
const ORDERS_HSTS = "'max-age=63072000; includeSubDomains; preload'";
const { settings: ORDERS_SETTINGS } = testCredentials();

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

/** What the hardened options add to the reference stack: the CORS preflight (a MOCK) and the web ACL association. */
const HARDENED_EXTRA_RESOURCES = [
  "aws_api_gateway_integration.api_paths_test_OPTIONS_mock_integration",
  "aws_api_gateway_integration_response.api_paths_test_OPTIONS_mock_integration_response",
  "aws_api_gateway_method.api_paths_test_OPTIONS_method",
  "aws_api_gateway_method_response.api_paths_test_OPTIONS_mock_method_response",
  "aws_wafv2_web_acl_association.api_stage_web_acl",
];

/** The child modules of the one configuration planned: each a stack of its own (see support/module-copy.ts). */
const HARDENED_MODULE = "hardened";
const ORDERS_MODULE = "orders_api";

/** Planned resources of one type. */
const planned = (plan: PlanJson, type: string) => (plan.planned_values.root_module.resources ?? []).filter((r) => r.mode === "managed" && r.type === type);

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

// Three stacks — the example app with the reference settings, the same with every option on, and
// examples/orders-api — planned as one configuration: the reference at the root, the other two as child
// modules. Each Terraform command that loads the AWS provider costs 3–4 s of CPU, so they share one
// `init`, one plan (which validates first and streams the diagnostics validate would print) and one
// `show -json`, instead of seven commands in two test files.
describeWithTerraform("terraform plan of the synthesized stacks (offline, real AWS provider)", () => {
  let root: string;
  let mode: PlanMode;
  let referenceStack: Record<string, unknown>;
  let hardenedStack: Record<string, unknown>;
  let diagnostics: Diagnostic[];
  let whole: PlanJson;
  let first: PlanJson;
  let hardened: PlanJson;
  let orders: PlanJson;
  let firstInput: Map<string, Buffer>;
  let secondInput: Map<string, Buffer>;
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

    // The options the reference leaves off: a customer key for the credential parameter (the KMS
    // statement), CORS (the MOCK preflight and its responses) and every scanner-rule option. Its provider
    // configuration is the reference's (a test below checks), so the module plans under the root's.
    const hardenedDir = synthesize(HARDENED, path.join(root, "synth-3"));
    hardenedStack = JSON.parse(readFileSync(path.join(hardenedDir, STACK_FILE), "utf8")) as Record<string, unknown>;
    writeModuleCopy({ stackDir: hardenedDir, moduleDir: path.join(workDir, HARDENED_MODULE), mode, providers: "root" });
    // The orders example keeps its own provider configuration (its own region setting and default tags).
    const ordersDir = synthOrdersApi(ORDERS_SETTINGS, path.join(root, "synth-orders"));
    writeModuleCopy({ stackDir: ordersDir, moduleDir: path.join(workDir, ORDERS_MODULE), mode, providers: "own" });
    writeFileSync(
      path.join(workDir, "test_modules.tf.json"),
      `${JSON.stringify({ module: { [HARDENED_MODULE]: { source: `./${HARDENED_MODULE}` }, [ORDERS_MODULE]: { source: `./${ORDERS_MODULE}` } } }, null, 2)}\n`,
    );

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
    whole = timed("show", () => JSON.parse(terraform(noNetwork, ["show", "-json", "tfplan"])) as PlanJson);
    first = modulePlan(whole);
    hardened = modulePlan(whole, HARDENED_MODULE);
    orders = modulePlan(whole, ORDERS_MODULE);
    // Information for the CI log, not an assertion: the figures in docs/terraform-plan.md come from here.
    console.info(`terraform plan test timings: ${timings.join(", ")}`);
  }, 300_000);

  afterAll(() => {
    if (root !== undefined) {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("the real AWS provider accepts all three stacks: the plan reports no error and no warning", () => {
    expect(diagnostics).toEqual([]);
  });

  test("the plan holds the three stacks: the root and exactly the two child modules", () => {
    expect((whole.planned_values.root_module.child_modules ?? []).map((m) => m.address).sort()).toEqual([`module.${HARDENED_MODULE}`, `module.${ORDERS_MODULE}`]);
    expect(countChanges(whole)).toEqual(expect.objectContaining({ update: 0, replace: 0, delete: 0, unchanged: 0 }));
  });

  describe("the example app with the reference settings (the root module)", () => {
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

  describe("the example app with every option on (module.hardened)", () => {
    test("its provider configuration is the reference's, so planning it under the root's provider plans what it would deploy", () => {
      expect(hardenedStack.provider).toEqual(referenceStack.provider);
    });

    test("the plan creates exactly the reference's resources plus the CORS preflight and the web ACL association", () => {
      const managed = (hardened.resource_changes ?? []).filter((c) => c.mode === "managed");

      expect(managed.map((c) => c.address).sort()).toEqual([...EXPECTED_RESOURCES, ...HARDENED_EXTRA_RESOURCES].sort());
      for (const change of managed) {
        expect(change.change.actions).toEqual(["create"]);
      }
    });

    test("the scanner-rule options are planned: the web ACL, the log groups' and environments' KMS keys, code signing, backend concurrency", () => {
      const backend = plannedValues(hardened, "aws_lambda_function.backend_lambda_function");

      expect(plannedValues(hardened, "aws_wafv2_web_acl_association.api_stage_web_acl").web_acl_arn).toBe(HARDENED.stage.webAclArn);
      expect(plannedValues(hardened, "aws_cloudwatch_log_group.api_stage_access_logs").kms_key_id).toBe(HARDENED.logsKmsKeyArn);
      expect(backend.kms_key_arn).toBe(HARDENED.functions.environmentKmsKeyArn);
      expect(backend.code_signing_config_arn).toBe(HARDENED.functions.codeSigningConfigArn);
      expect(backend.reserved_concurrent_executions).toBe(HARDENED.functions.backendReservedConcurrency);
    });

    test("the CORS preflight is planned as a MOCK integration on OPTIONS without an authorizer", () => {
      expect(plannedValues(hardened, "aws_api_gateway_method.api_paths_test_OPTIONS_method").authorization).toBe("NONE");
      expect(plannedValues(hardened, "aws_api_gateway_integration.api_paths_test_OPTIONS_mock_integration").type).toBe("MOCK");
    });
  });

  describe("examples/orders-api (module.orders_api)", () => {
    test("the plan only creates: 4 path resources, 7 methods and integrations, 2 authorizers, 21 gateway responses, 3 functions, 8 permissions, the domain", () => {
      const counts = new Map<string, number>();
      for (const change of orders.resource_changes ?? []) {
        if (change.mode === "managed") {
          expect(change.change.actions).toEqual(["create"]);
          counts.set(change.type, (counts.get(change.type) ?? 0) + 1);
        }
      }
      expect(Object.fromEntries(counts)).toEqual(
        expect.objectContaining({
          aws_api_gateway_resource: 4,
          aws_api_gateway_method: 7,
          aws_api_gateway_integration: 7,
          aws_api_gateway_authorizer: 2,
          aws_api_gateway_gateway_response: 21,
          aws_api_gateway_deployment: 1,
          aws_api_gateway_stage: 1,
          aws_api_gateway_domain_name: 1,
          aws_api_gateway_base_path_mapping: 1,
          aws_route53_record: 1,
          aws_lambda_function: 3,
          aws_lambda_permission: 8,
        }),
      );
      expect(countChanges(orders)).toEqual(expect.objectContaining({ update: 0, replace: 0, delete: 0 }));
    });

    test("the authorizers are planned as one REQUEST on the key and tenant, and one TOKEN on Authorization", () => {
      const authorizers = planned(orders, "aws_api_gateway_authorizer").map((r) => [r.values.type, r.values.identity_source]);
      expect(authorizers.sort()).toEqual([
        ["REQUEST", "method.request.header.x-partner-key,method.request.querystring.tenant"],
        ["TOKEN", "method.request.header.Authorization"],
      ]);
    });

    test("every one of the 21 gateway responses is planned with HSTS", () => {
      const responses = planned(orders, "aws_api_gateway_gateway_response");
      expect(responses).toHaveLength(21);
      for (const response of responses) {
        expect((response.values.response_parameters as Record<string, string>)[HSTS]).toBe(ORDERS_HSTS);
      }
    });

    test("the domain is planned REGIONAL with TLS 1.2 and the placeholder certificate, and the alias in the placeholder zone", () => {
      const [domain] = planned(orders, "aws_api_gateway_domain_name");
      expect(domain.values.domain_name).toBe(ORDERS_SETTINGS.domainName);
      expect(domain.values.security_policy).toBe("TLS_1_2");
      expect(domain.values.regional_certificate_arn).toBe(ORDERS_SETTINGS.certificateArn);
      const [record] = planned(orders, "aws_route53_record");
      expect(record.values.zone_id).toBe(ORDERS_SETTINGS.hostedZoneId);
      expect(plannedValues(orders, record.address).type).toBe("A");
    });

    test("the deployment's trigger is a SHA-1 and the rest API has its default endpoint off", () => {
      const [deployment] = planned(orders, "aws_api_gateway_deployment");
      expect((deployment.values.triggers as Record<string, string>).redeployment).toMatch(/^[0-9a-f]{40}$/);
      const [api] = planned(orders, "aws_api_gateway_rest_api");
      expect(api.values.disable_execute_api_endpoint).toBe(true);
    });

    test("the stack needs no network at plan time: its only data sources are local archives", () => {
      const data = (orders.configuration.root_module.resources ?? []).filter((r) => r.mode === "data");
      expect(data.filter((r) => r.type !== "archive_file")).toEqual([]);
    });
  });
});
