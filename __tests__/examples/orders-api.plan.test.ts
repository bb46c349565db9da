import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { countChanges, plannedValues, PlanJson } from "../../scripts/plan/plan-json";
import { findTerraform } from "../../scripts/plan/terraform-cli";
import { OfflinePlan, offlinePlan } from "./support/offline-plan";
import { synthOrdersApi, testCredentials } from "./support/orders-api";

const TERRAFORM = findTerraform(process.env);
if (TERRAFORM === undefined) {
  console.warn("SKIPPED: terraform plan of examples/orders-api — no Terraform CLI on PATH (or in TERRAFORM_BIN). Install Terraform 1.10+ to run it.");
}
const describeWithTerraform = TERRAFORM === undefined ? describe.skip : describe;
const HSTS = "'max-age=63072000; includeSubDomains; preload'";
const { settings } = testCredentials();

/** Planned resources of one type. */
const planned = (plan: PlanJson, type: string) => (plan.planned_values.root_module.resources ?? []).filter((r) => r.mode === "managed" && r.type === type);

describeWithTerraform("terraform plan of examples/orders-api (offline, real AWS provider)", () => {
  let root: string;
  let result: OfflinePlan;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "orders-api-plan-"));
    result = offlinePlan(TERRAFORM as string, synthOrdersApi(settings, path.join(root, "synth")), root);
    console.info(`orders-api plan mode:\n  ${result.modeLines.join("\n  ")}`);
  }, 300_000);

  afterAll(() => {
    if (root !== undefined) {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("the real AWS provider accepts the stack: the plan reports no error and no warning", () => {
    expect(result.diagnostics).toEqual([]);
  });

  test("the plan only creates: 4 path resources, 7 methods and integrations, 2 authorizers, 21 gateway responses, 3 functions, 8 permissions, the domain", () => {
    const counts = new Map<string, number>();
    for (const change of result.plan.resource_changes ?? []) {
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
    expect(countChanges(result.plan)).toEqual(expect.objectContaining({ update: 0, replace: 0, delete: 0 }));
  });

  test("the authorizers are planned as one REQUEST on the key and tenant, and one TOKEN on Authorization", () => {
    const authorizers = planned(result.plan, "aws_api_gateway_authorizer").map((r) => [r.values.type, r.values.identity_source]);
    expect(authorizers.sort()).toEqual([
      ["REQUEST", "method.request.header.x-partner-key,method.request.querystring.tenant"],
      ["TOKEN", "method.request.header.Authorization"],
    ]);
  });

  test("every one of the 21 gateway responses is planned with HSTS", () => {
    const responses = planned(result.plan, "aws_api_gateway_gateway_response");
    expect(responses).toHaveLength(21);
    for (const response of responses) {
      expect((response.values.response_parameters as Record<string, string>)["gatewayresponse.header.Strict-Transport-Security"]).toBe(HSTS);
    }
  });

  test("the domain is planned REGIONAL with TLS 1.2 and the placeholder certificate, and the alias in the placeholder zone", () => {
    const [domain] = planned(result.plan, "aws_api_gateway_domain_name");
    expect(domain.values.domain_name).toBe(settings.domainName);
    expect(domain.values.security_policy).toBe("TLS_1_2");
    expect(domain.values.regional_certificate_arn).toBe(settings.certificateArn);
    const [record] = planned(result.plan, "aws_route53_record");
    expect(record.values.zone_id).toBe(settings.hostedZoneId);
    expect(plannedValues(result.plan, record.address).type).toBe("A");
  });

  test("the deployment's trigger is a SHA-1 and the rest API has its default endpoint off", () => {
    const [deployment] = planned(result.plan, "aws_api_gateway_deployment");
    expect((deployment.values.triggers as Record<string, string>).redeployment).toMatch(/^[0-9a-f]{40}$/);
    const [api] = planned(result.plan, "aws_api_gateway_rest_api");
    expect(api.values.disable_execute_api_endpoint).toBe(true);
  });

  test("the stack needs no network at plan time: its only data sources are local archives", () => {
    const data = (result.plan.configuration.root_module.resources ?? []).filter((r) => r.mode === "data");
    expect(data.filter((r) => r.type !== "archive_file")).toEqual([]);
  });
});
