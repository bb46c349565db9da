import { TerraformStack, Testing } from "cdktf";
import { CustomDomainOptions } from "../../src/domain/custom-domain";
import { Authorization } from "../../src/rest-api/authorization";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { fn, ordersApi } from "../support/api-fixture";
import { onlyResource, parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

function synth(options: Partial<CustomDomainOptions> = {}): SynthesizedStack {
  return parseStack(
    Testing.synthScope((scope) => {
      const api = ordersApi(scope);
      api.addRoute("GET /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE });
      api.addDomain({ domainName: "api.example.com", certificateArn: CERT, ...options });
    }),
  );
}

describe("CustomDomain", () => {
  const stack = synth({ hostedZoneId: "Z0123456789ABC" });

  test("is a REGIONAL domain with the given certificate and TLS 1.2 at least", () => {
    const domain = onlyResource(stack, "aws_api_gateway_domain_name");
    expect(domain.domain_name).toBe("api.example.com");
    expect(domain.regional_certificate_arn).toBe(CERT);
    expect(domain.endpoint_configuration).toEqual({ types: ["REGIONAL"] });
    expect(domain.security_policy).toBe("TLS_1_2");
  });

  test("maps the API's stage at the domain's root by default", () => {
    const mapping = onlyResource(stack, "aws_api_gateway_base_path_mapping");
    expect(mapping.stage_name).toMatch(/^\$\{aws_api_gateway_stage\.[^}]+\.stage_name\}$/);
    expect(mapping).not.toHaveProperty("base_path");
  });

  test("points an alias A record at the domain's regional target when given a hosted zone", () => {
    const record = onlyResource(stack, "aws_route53_record");
    expect(record.zone_id).toBe("Z0123456789ABC");
    expect(record.type).toBe("A");
    expect((record.alias as { name: string }).name).toMatch(/\.regional_domain_name\}$/);
  });

  test("creates no DNS record without a hosted zone, and outputs the target either way", () => {
    const bare = synth();
    expect(resourcesOfType(bare, "aws_route53_record")).toEqual({});
    expect(Object.values(bare.output ?? {}).map((output) => output.value)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\$\{aws_api_gateway_domain_name\.[^}]+\.regional_domain_name\}$/)]),
    );
  });

  test("turns the default execute-api endpoint off when asked", () => {
    expect(onlyResource(synth({ disableExecuteApiEndpoint: true }), "aws_api_gateway_rest_api").disable_execute_api_endpoint).toBe(true);
    expect(onlyResource(stack, "aws_api_gateway_rest_api")).not.toHaveProperty("disable_execute_api_endpoint");
  });

  test.each<[string, Partial<CustomDomainOptions>, string]>([
    ["a lower-case host name", { domainName: "API.example.com" }, "property 'domainName' must be a lower-case host name"],
    ["an ACM certificate ARN", { certificateArn: "arn:aws:iam::1:cert" }, "property 'certificateArn' must be an ACM certificate ARN"],
    ["a hosted zone id", { hostedZoneId: "zone" }, "property 'hostedZoneId' must be a Route 53 hosted zone id"],
    ["a base path without slashes at its ends", { basePath: "/v1" }, "property 'basePath' must be path segments"],
  ])("demands %s, naming the construct", (_rule, options, message) => {
    expect(() => synth(options)).toThrow(`stack/orders/domain_0: ${message}`);
  });
});

describe("HSTS preload and the custom domain", () => {
  /** The warnings the API attaches when synth validates it (what `cdktf synth` and main.ts print). */
  function warnings(preload: boolean, domain: boolean): string[] {
    const stack = new TerraformStack(Testing.app(), "stack");
    const api = ordersApi(stack, { headerPolicy: new SecurityHeaderPolicy({ hsts: { preload } }) });
    api.addRoute("GET /a", { handler: fn(stack, "h"), authorizer: Authorization.NONE });
    if (domain) {
      api.addDomain({ domainName: "api.example.com", certificateArn: CERT });
    }
    expect(api.node.validate()).toEqual([]);
    return stack.node.findAll().flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === "@cdktf/warn").map((entry) => String(entry.data)));
  }

  test("warns, naming the API and why, when preload is on and the API has no custom domain", () => {
    expect(warnings(true, false)).toEqual([expect.stringMatching(/^stack\/orders: HSTS 'preload' is on but the API has no custom domain\..*nobody can preload \*\.execute-api\.amazonaws\.com/)]);
  });

  test("says nothing once the API has a domain, or with preload off", () => {
    expect(warnings(true, true)).toEqual([]);
    expect(warnings(false, false)).toEqual([]);
  });
});
