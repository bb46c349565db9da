import { Testing } from "cdktf";
import { ConfigError } from "cdktf-secure-rest-api";
import { OrdersApiStack } from "../../examples/orders-api/orders-api-stack";
import { PLACEHOLDER_SETTINGS } from "../../examples/orders-api/settings";
import { parseStack, resourcesOfType, onlyResource, SynthesizedStack } from "../support/terraform-json";
import { integrationsByRoute, methodsByRoute, referencedName, resourcePaths } from "./support/references";
import { PARTNER_KEY, testCredentials } from "./support/orders-api";

const HSTS = "'max-age=63072000; includeSubDomains; preload'";
const PARTNER_ROUTES = ["GET /orders", "GET /orders/{id}", "GET /orders/{id}/items"];
const USER_ROUTES = ["POST /orders", "DELETE /orders/{id}", "PUT /orders/{id}/items"];

let stack: SynthesizedStack;
const { settings } = testCredentials();

beforeAll(() => {
  const app = Testing.app();
  stack = parseStack(Testing.synth(new OrdersApiStack(app, "orders-api", settings)));
});

/** The name of the authorizer whose `type` is given. */
const authorizerNamed = (type: string): string => {
  const [name] = Object.entries(resourcesOfType(stack, "aws_api_gateway_authorizer")).find(([, block]) => block.type === type) ?? [];
  if (name === undefined) {
    throw new Error(`no ${type} authorizer`);
  }
  return name;
};

/** The function name a `${aws_lambda_function.X.function_name}` or `…invoke_arn` reference points at. */
const functionOf = (reference: unknown, attribute: "function_name" | "invoke_arn"): string =>
  String(resourcesOfType(stack, "aws_lambda_function")[referencedName(reference, "aws_lambda_function", attribute)].function_name);

describe("the orders API example, synthesized through the library's package name", () => {
  test("the path tree has one resource per distinct prefix: /health, /orders, /orders/{id}, /orders/{id}/items", () => {
    expect([...resourcePaths(stack).values()].sort()).toEqual(["/health", "/orders", "/orders/{id}", "/orders/{id}/items"]);
  });

  test("every route has its method, and nothing else has one", () => {
    expect([...methodsByRoute(stack).keys()].sort()).toEqual(["GET /health", ...PARTNER_ROUTES, ...USER_ROUTES].sort());
  });

  test("GET /health is public and answered by API Gateway itself", () => {
    const method = methodsByRoute(stack).get("GET /health");
    expect(method?.authorization).toBe("NONE");
    expect(method?.authorizer_id).toBeUndefined();
    expect(integrationsByRoute(stack).get("GET /health")?.type).toBe("MOCK");
  });

  test.each(PARTNER_ROUTES)("%s is behind the partners' REQUEST authorizer and proxied to the orders function", (route) => {
    const method = methodsByRoute(stack).get(route);
    expect(method?.authorization).toBe("CUSTOM");
    expect(referencedName(method?.authorizer_id, "aws_api_gateway_authorizer", "id")).toBe(authorizerNamed("REQUEST"));
    const integration = integrationsByRoute(stack).get(route);
    expect(integration?.type).toBe("AWS_PROXY");
    expect(integration?.integration_http_method).toBe("POST");
    expect(functionOf(integration?.uri, "invoke_arn")).toBe("orders-backend");
  });

  test.each(USER_ROUTES)("%s is behind the users' TOKEN authorizer and proxied to the orders function", (route) => {
    const method = methodsByRoute(stack).get(route);
    expect(method?.authorization).toBe("CUSTOM");
    expect(referencedName(method?.authorizer_id, "aws_api_gateway_authorizer", "id")).toBe(authorizerNamed("TOKEN"));
    expect(functionOf(integrationsByRoute(stack).get(route)?.uri, "invoke_arn")).toBe("orders-backend");
  });

  test("the REQUEST authorizer keys on the partner key header and the tenant query parameter, cached 300 s", () => {
    const authorizer = resourcesOfType(stack, "aws_api_gateway_authorizer")[authorizerNamed("REQUEST")];
    expect(authorizer.identity_source).toBe("method.request.header.x-partner-key,method.request.querystring.tenant");
    expect(authorizer.authorizer_result_ttl_in_seconds).toBe(300);
    expect(functionOf(authorizer.authorizer_uri, "invoke_arn")).toBe("orders-partner-authorizer");
  });

  test("the TOKEN authorizer reads Authorization, refuses non-bearer tokens before invoking, cached 60 s", () => {
    const authorizer = resourcesOfType(stack, "aws_api_gateway_authorizer")[authorizerNamed("TOKEN")];
    expect(authorizer.identity_source).toBe("method.request.header.Authorization");
    expect(authorizer.identity_validation_expression).toBe("^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
    expect(authorizer.authorizer_result_ttl_in_seconds).toBe(60);
    expect(functionOf(authorizer.authorizer_uri, "invoke_arn")).toBe("orders-jwt-authorizer");
  });

  test("each route's invoke permission names its stage, method and path, with * for {id}", () => {
    const routePermissions = Object.values(resourcesOfType(stack, "aws_lambda_permission")).filter((p) => !String(p.source_arn).includes("/authorizers/"));
    const restApi = Object.keys(resourcesOfType(stack, "aws_api_gateway_rest_api"))[0];
    const exec = `\${aws_api_gateway_rest_api.${restApi}.execution_arn}`;
    expect(routePermissions.map((p) => p.source_arn).sort()).toEqual(
      [
        `${exec}/prod/GET/orders`,
        `${exec}/prod/GET/orders/*`,
        `${exec}/prod/GET/orders/*/items`,
        `${exec}/prod/POST/orders`,
        `${exec}/prod/DELETE/orders/*`,
        `${exec}/prod/PUT/orders/*/items`,
      ].sort(),
    );
    for (const permission of routePermissions) {
      expect(permission.principal).toBe("apigateway.amazonaws.com");
      expect(permission.action).toBe("lambda:InvokeFunction");
      expect(functionOf(permission.function_name, "function_name")).toBe("orders-backend");
    }
  });

  test("each authorizer's invoke permission is scoped to that authorizer and its own function", () => {
    const permissions = Object.values(resourcesOfType(stack, "aws_lambda_permission")).filter((p) => String(p.source_arn).includes("/authorizers/"));
    const scoped = permissions.map((p) => [functionOf(p.function_name, "function_name"), String(p.source_arn).replace(/^.*\/authorizers\//, "")]);
    expect(scoped.sort()).toEqual([
      ["orders-jwt-authorizer", `\${aws_api_gateway_authorizer.${authorizerNamed("TOKEN")}.id}`],
      ["orders-partner-authorizer", `\${aws_api_gateway_authorizer.${authorizerNamed("REQUEST")}.id}`],
    ]);
  });

  test("all 21 gateway response types carry HSTS with preload", () => {
    const responses = Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response"));
    expect(responses).toHaveLength(21);
    expect(new Set(responses.map((r) => r.response_type)).size).toBe(21);
    for (const response of responses) {
      expect((response.response_parameters as Record<string, string>)["gatewayresponse.header.Strict-Transport-Security"]).toBe(HSTS);
    }
  });

  test("the custom domain is REGIONAL with TLS 1.2, mapped to the prod stage, aliased in the hosted zone", () => {
    const domain = onlyResource(stack, "aws_api_gateway_domain_name");
    expect(domain.domain_name).toBe(settings.domainName);
    expect(domain.regional_certificate_arn).toBe(settings.certificateArn);
    expect(domain.endpoint_configuration).toEqual({ types: ["REGIONAL"] });
    expect(domain.security_policy).toBe("TLS_1_2");
    const mapping = onlyResource(stack, "aws_api_gateway_base_path_mapping");
    expect(String(mapping.stage_name)).toMatch(/^\$\{aws_api_gateway_stage\.[A-Za-z0-9_]+\.stage_name\}$/);
    expect(onlyResource(stack, "aws_api_gateway_stage").stage_name).toBe("prod");
    const alias = onlyResource(stack, "aws_route53_record");
    expect(alias.zone_id).toBe(settings.hostedZoneId);
    expect(alias.type).toBe("A");
  });

  test("the default execute-api endpoint is off, so every client gets the domain and its HSTS policy", () => {
    expect(onlyResource(stack, "aws_api_gateway_rest_api").disable_execute_api_endpoint).toBe(true);
  });

  test("the stack, not the library, declares the providers and an encrypted, locked S3 backend", () => {
    expect(stack.provider?.aws).toEqual([expect.objectContaining({ region: settings.region })]);
    expect(stack.provider?.archive).toHaveLength(1);
    expect((stack.terraform?.backend as Record<string, unknown>).s3).toEqual(
      expect.objectContaining({ bucket: settings.stateBucket, encrypt: true, use_lockfile: true }),
    );
  });

  test("no function's environment holds the partner key, only its hash", () => {
    const environments = JSON.stringify(Object.values(resourcesOfType(stack, "aws_lambda_function")).map((fn) => fn.environment));
    expect(environments).not.toContain(PARTNER_KEY);
    expect(environments).toContain(settings.partnerKeyHashes.acme);
  });

  test("bad settings stop the synth with every problem named by its property", () => {
    const build = () =>
      new OrdersApiStack(Testing.app(), "bad", { ...PLACEHOLDER_SETTINGS, partnerKeyHashes: { acme: "not-a-hash" }, jwtPublicKey: "abc" });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/property 'partnerKeyHashes\.acme' must be a SHA-256/);
    expect(build).toThrow(/property 'jwtPublicKey' must be the base64 SPKI DER of an Ed25519 public key, got "abc"/);
  });

  test("a certificate ARN of the wrong shape is refused by the library, naming the property", () => {
    expect(() => new OrdersApiStack(Testing.app(), "bad", { ...PLACEHOLDER_SETTINGS, certificateArn: "arn:aws:iam::123:cert" })).toThrow(
      /property 'certificateArn' must be an ACM certificate ARN/,
    );
  });
});
