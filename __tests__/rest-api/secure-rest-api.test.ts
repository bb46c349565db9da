import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { IdentitySource } from "../../src/authorizers/identity-source";
import { Authorization } from "../../src/rest-api/authorization";
import { SecureRestApi } from "../../src/rest-api/secure-rest-api";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { fn, ordersApi } from "../support/api-fixture";
import { onlyResource, parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";

function synth(build: (scope: Construct) => void): SynthesizedStack {
  return parseStack(Testing.synthScope(build));
}

function byPath(stack: SynthesizedStack): Record<string, Record<string, unknown>> {
  const resources = resourcesOfType(stack, "aws_api_gateway_resource");
  return Object.fromEntries(Object.entries(resources).map(([name, resource]) => [name, resource]));
}

function methods(stack: SynthesizedStack): Record<string, unknown>[] {
  return Object.values(resourcesOfType(stack, "aws_api_gateway_method"));
}

function deploymentTrigger(stack: SynthesizedStack): string {
  return (onlyResource(stack, "aws_api_gateway_deployment").triggers as Record<string, string>).redeployment;
}

describe("SecureRestApi", () => {
  describe("the path tree", () => {
    const stack = synth((scope) => {
      const api = ordersApi(scope);
      const handler = fn(scope, "orders_fn");
      api.addRoute("GET /orders", { handler, authorizer: Authorization.NONE });
      api.addRoute("POST /orders/{id}", { handler, authorizer: Authorization.NONE });
      api.addRoute("GET /orders/{id}", { handler, authorizer: Authorization.NONE });
      api.addRoute("ANY /files/{proxy+}", { handler, authorizer: Authorization.NONE });
    });
    const resources = Object.values(byPath(stack));

    test("creates one resource per distinct path prefix, shared by the routes beneath it", () => {
      expect(resources.map((r) => r.path_part).sort()).toEqual(["files", "orders", "{id}", "{proxy+}"]);
    });

    test("hangs each resource under its parent's, the first level under the API's root", () => {
      const orders = Object.entries(byPath(stack)).find(([, r]) => r.path_part === "orders");
      const id = resources.find((r) => r.path_part === "{id}");
      expect(orders?.[1].parent_id).toMatch(/^\$\{aws_api_gateway_rest_api\.[^.]+\.root_resource_id\}$/);
      expect(id?.parent_id).toBe(`\${aws_api_gateway_resource.${orders?.[0]}.id}`);
    });

    test("gives every route its own method on its path's resource", () => {
      expect(methods(stack).map((m) => m.http_method).sort()).toEqual(["ANY", "GET", "GET", "POST"]);
    });
  });

  describe("routes", () => {
    const stack = synth((scope) => {
      const api = ordersApi(scope);
      const token = api.addTokenAuthorizer("jwt", { handler: fn(scope, "jwt_fn") });
      api.addRoute("GET /health", { handler: fn(scope, "health_fn"), authorizer: Authorization.NONE });
      api.addRoute("POST /orders/{id}", { handler: fn(scope, "orders_fn"), authorizer: token });
    });

    test("a public route asks for no authorization, by name", () => {
      const health = methods(stack).find((m) => m.http_method === "GET");
      expect(health?.authorization).toBe("NONE");
      expect(health).not.toHaveProperty("authorizer_id");
    });

    test("a protected route uses its authorizer as CUSTOM authorization", () => {
      const post = methods(stack).find((m) => m.http_method === "POST");
      expect(post?.authorization).toBe("CUSTOM");
      expect(post?.authorizer_id).toMatch(/^\$\{aws_api_gateway_authorizer\.[^.]+\.id\}$/);
    });

    test("proxies to the route's own function with a POST AWS_PROXY integration", () => {
      const integrations = Object.values(resourcesOfType(stack, "aws_api_gateway_integration"));
      expect(integrations.map((i) => [i.type, i.integration_http_method, i.uri]).sort()).toEqual([
        ["AWS_PROXY", "POST", "${aws_lambda_function.health_fn.invoke_arn}"],
        ["AWS_PROXY", "POST", "${aws_lambda_function.orders_fn.invoke_arn}"],
      ]);
    });

    test("scopes each route's invoke permission to its stage, method and path (parameters as *)", () => {
      const arns = Object.values(resourcesOfType(stack, "aws_lambda_permission")).map((p) => p.source_arn as string);
      expect(arns.filter((arn) => !arn.includes("/authorizers/")).map((arn) => arn.replace(/^\$\{[^}]+\}/, "")).sort()).toEqual([
        "/prod/GET/health",
        "/prod/POST/orders/*",
      ]);
    });

    test("gives every permission its own statement id", () => {
      const ids = Object.values(resourcesOfType(stack, "aws_lambda_permission")).map((p) => p.statement_id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  test("answers a MOCK route itself, with the header policy on its answer", () => {
    const stack = synth((scope) => {
      ordersApi(scope).addRoute("GET /ping", { mock: { statusCode: 200, body: '{"ok":true}' }, authorizer: Authorization.NONE });
    });
    expect(onlyResource(stack, "aws_api_gateway_integration").type).toBe("MOCK");
    const answer = onlyResource(stack, "aws_api_gateway_integration_response");
    expect((answer.response_parameters as Record<string, string>)["method.response.header.Strict-Transport-Security"]).toBe("'max-age=31536000; includeSubDomains'");
    expect(answer.response_templates).toEqual({ "application/json": '{"ok":true}' });
    expect(resourcesOfType(stack, "aws_lambda_permission")).toEqual({});
  });

  test("adds one unauthenticated OPTIONS preflight per path when the policy has CORS", () => {
    const stack = synth((scope) => {
      const api = ordersApi(scope, { headerPolicy: new SecurityHeaderPolicy({ cors: { allowOrigin: "https://app.example.com" } }) });
      api.addRoute("GET /orders", { handler: fn(scope, "a"), authorizer: Authorization.NONE });
      api.addRoute("POST /orders", { handler: fn(scope, "b"), authorizer: Authorization.NONE });
      api.addRoute("GET /orders/{id}", { handler: fn(scope, "c"), authorizer: Authorization.NONE });
    });
    const options = methods(stack).filter((m) => m.http_method === "OPTIONS");
    expect(options).toHaveLength(2);
    expect(options.every((m) => m.authorization === "NONE")).toBe(true);
  });

  test("registers every route, authorizer and response with the deployment", () => {
    const stack = synth((scope) => {
      const api = ordersApi(scope);
      const auth = api.addRequestAuthorizer("key", { handler: fn(scope, "auth"), identitySources: [IdentitySource.header("x-api-key")] });
      api.addRoute("GET /a/b", { handler: fn(scope, "h"), authorizer: auth });
    });
    const dependsOn = onlyResource(stack, "aws_api_gateway_deployment").depends_on as string[];
    const types = dependsOn.map((address) => address.split(".")[0]);
    expect(types.filter((type) => type === "aws_api_gateway_gateway_response")).toHaveLength(21);
    expect(types).toEqual(expect.arrayContaining(["aws_api_gateway_rest_api", "aws_api_gateway_authorizer", "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration"]));
    expect(types.filter((type) => type === "aws_api_gateway_resource")).toHaveLength(2);
  });

  test("moves the deployment fingerprint when a route is added, and only then", () => {
    const build = (extra: boolean) =>
      synth((scope) => {
        const api = ordersApi(scope);
        api.addRoute("GET /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE });
        if (extra) {
          api.addRoute("GET /b", { handler: fn(scope, "h2"), authorizer: Authorization.NONE });
        }
      });
    expect(deploymentTrigger(build(false))).toBe(deploymentTrigger(build(false)));
    expect(deploymentTrigger(build(true))).not.toBe(deploymentTrigger(build(false)));
  });

  test("creates no provider and no backend: the caller's stack owns them", () => {
    const stack = synth((scope) => {
      ordersApi(scope).addRoute("GET /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE });
    });
    expect(stack.provider).toBeUndefined();
    expect(stack.terraform?.backend).toBeUndefined();
  });

  test("keeps the default execute-api endpoint unless a domain turns it off", () => {
    const json = Testing.synthScope((scope) => {
      ordersApi(scope).addRoute("GET /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE });
    });
    expect(json).not.toHaveResourceWithProperties(ApiGatewayRestApi, { disable_execute_api_endpoint: true });
  });

  describe("validation names the construct path and the property", () => {
    const attempt = (build: (api: SecureRestApi, scope: Construct) => void) => () =>
      Testing.synthScope((scope) => build(ordersApi(scope), scope));

    test("a route without an authorizer is refused rather than made public", () => {
      expect(attempt((api, scope) => api.addRoute("GET /a", { handler: fn(scope, "h") } as never))).toThrow(
        "stack/orders/route[GET /a]: property 'authorizer' must be an authorizer of this API, or Authorization.NONE for a public route",
      );
    });

    test("an authorizer of another API is refused", () => {
      expect(
        attempt((api, scope) => {
          const other = new SecureRestApi(scope, "other", { name: "other" });
          const jwt = other.addTokenAuthorizer("jwt", { handler: fn(scope, "auth") });
          api.addRoute("POST /orders/{id}", { handler: fn(scope, "h"), authorizer: jwt });
        }),
      ).toThrow("stack/orders/route[POST /orders/{id}]: authorizer 'jwt' belongs to another API");
    });

    test.each<[string, string]>([
      ["GET", "property 'key' must be \"<METHOD> <path>\" such as \"GET /orders/{id}\""],
      ["FETCH /a", "property 'key method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got \"FETCH\""],
      ["GET /a//b", "property 'key path' must be an absolute path"],
      ["GET /{proxy+}/x", "property 'key path' must be an absolute path"],
    ])("the route key %j is refused", (key, message) => {
      expect(attempt((api, scope) => api.addRoute(key, { handler: fn(scope, "h"), authorizer: Authorization.NONE }))).toThrow(message);
    });

    test("the same route twice is refused", () => {
      expect(
        attempt((api, scope) => {
          const handler = fn(scope, "h");
          api.addRoute("GET /a", { handler, authorizer: Authorization.NONE });
          api.addRoute("GET /a", { handler, authorizer: Authorization.NONE });
        }),
      ).toThrow("stack/orders/route[GET /a]: the API already has the route GET /a");
    });

    test("two different path parameters on one level are refused", () => {
      expect(
        attempt((api, scope) => {
          const handler = fn(scope, "h");
          api.addRoute("GET /orders/{id}", { handler, authorizer: Authorization.NONE });
          api.addRoute("GET /orders/{orderId}/items", { handler, authorizer: Authorization.NONE });
        }),
      ).toThrow('path "/orders/{orderId}" cannot sit beside "/orders/{id}": one level holds one path parameter');
    });

    test("a route needs exactly one of handler and mock", () => {
      expect(attempt((api) => api.addRoute("GET /a", { authorizer: Authorization.NONE }))).toThrow(
        "exactly one of 'handler' (a Lambda function) and 'mock' (an answer from API Gateway) must be given",
      );
    });

    test("requiring the authorizer's own identity header is refused: it would turn 401 into 400", () => {
      expect(
        attempt((api, scope) => {
          const auth = api.addRequestAuthorizer("key", { handler: fn(scope, "a"), identitySources: [IdentitySource.header("x-api-key")] });
          api.addRoute("GET /a", { handler: fn(scope, "h"), authorizer: auth, requiredParameters: ["method.request.header.x-api-key"] });
        }),
      ).toThrow("must not name the authorizer's identity source \"method.request.header.x-api-key\"");
    });

    test("a bad API name is refused before anything is created", () => {
      expect(() => Testing.synthScope((scope) => new SecureRestApi(scope, "x", { name: "" }))).toThrow(
        "stack/x: property 'name' must be 1 to 128 letters, digits, spaces or _.-, got \"\"",
      );
    });
  });

  test("validates required parameters with a request validator", () => {
    const stack = synth((scope) => {
      ordersApi(scope).addRoute("GET /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE, requiredParameters: ["method.request.querystring.page"] });
    });
    expect(onlyResource(stack, "aws_api_gateway_request_validator").validate_request_parameters).toBe(true);
    expect(onlyResource(stack, "aws_api_gateway_method").request_parameters).toEqual({ "method.request.querystring.page": true });
  });

  test("uses stage v1 unless told otherwise", () => {
    const stack = synth((scope) => {
      new SecureRestApi(scope, "api", { name: "api" }).addRoute("GET /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE });
    });
    expect(onlyResource(stack, "aws_api_gateway_stage").stage_name).toBe("v1");
  });

  test("uses one REGIONAL endpoint", () => {
    expect(Testing.synthScope((scope) => ordersApi(scope))).toHaveResourceWithProperties(ApiGatewayRestApi, {
      endpoint_configuration: { types: ["REGIONAL"] },
    });
  });

  test("integrates each route on its own method", () => {
    const stack = synth((scope) => ordersApi(scope).addRoute("DELETE /a", { handler: fn(scope, "h"), authorizer: Authorization.NONE }));
    const [methodName] = Object.keys(resourcesOfType(stack, "aws_api_gateway_method"));
    expect(onlyResource(stack, "aws_api_gateway_method").http_method).toBe("DELETE");
    expect(onlyResource(stack, "aws_api_gateway_integration").http_method).toBe(`\${aws_api_gateway_method.${methodName}.http_method}`);
  });
});
