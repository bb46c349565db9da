import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadStack, parseStack } from "../../src/local-gateway/stack/parse-stack";
import { StackError } from "../../src/local-gateway/stack-error";

const EDGE_DIR = path.join(__dirname, "fixtures", "edge-stack");
const EDGE_JSON = path.join(EDGE_DIR, "cdk.tf.json");

type Json = Record<string, unknown>;
/** A fresh, mutable copy of the edge-case stack, to break one thing at a time. */
const edge = (): Json => JSON.parse(readFileSync(EDGE_JSON, "utf8")) as Json;
/** The object at a path of keys inside the stack JSON (created when absent). */
const at = (json: Json, ...keys: string[]): Json =>
  keys.reduce<Json>((node, key) => {
    node[key] ??= {};
    return node[key] as Json;
  }, json);
const problemsOf = (json: unknown): readonly string[] => {
  try {
    parseStack(json, EDGE_DIR, "stack.json");
  } catch (error: unknown) {
    if (error instanceof StackError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error("the stack was accepted");
};

describe("loadStack", () => {
  test("reads resources, methods, authorizers, gateway responses and stages from the Terraform JSON", () => {
    const model = loadStack(EDGE_JSON);
    expect(model.apiName).toBe("edge-api");
    expect(model.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(model.region).toBe("eu-west-1");
    expect(model.accountId).toBe("123456789012");
    expect(model.stages).toEqual([{ name: "v1", variables: { greeting: "hi" }, deploymentId: expect.stringMatching(/^[a-z0-9]{6}$/) as string, tracingEnabled: false }]);
    const items = model.root.children.find((child) => child.path === "/items");
    expect([...(items?.methods.keys() ?? [])]).toEqual(["GET", "OPTIONS"]);
    expect(items?.children.map((child) => child.path)).toEqual(["/items/{id}"]);
    expect(items?.methods.get("GET")?.authorizerAddress).toBe("aws_api_gateway_authorizer.request");
    expect(model.gatewayResponses.get("MISSING_AUTHENTICATION_TOKEN")?.statusCode).toBe(404);
    expect(model.gatewayResponses.get("DEFAULT_4XX")?.statusCode).toBeUndefined();
    expect(model.notes).toEqual([]);
  });

  test("a TOKEN authorizer defaults to the Authorization header and a 300 s TTL", () => {
    const token = loadStack(EDGE_JSON).authorizers.get("aws_api_gateway_authorizer.token");
    expect(token?.type).toBe("TOKEN");
    expect(token?.identitySources).toEqual([{ kind: "header", name: "Authorization" }]);
    expect(token?.ttlSeconds).toBe(300);
    expect(token?.functionAddress).toBe("aws_lambda_function.token_authorizer");
    expect(token?.identityValidationExpression?.test("Bearer x")).toBe(true);
    expect(token?.identityValidationExpression?.test("xBearer x")).toBe(false);
  });

  test("a function's bundle is its archive's source_dir under the stack's folder, with Lambda's defaults", () => {
    const echo = loadStack(EDGE_JSON).functions.get("aws_lambda_function.echo");
    expect(echo?.codeDirectory).toBe(path.join(EDGE_DIR, "assets", "echo"));
    expect(echo?.handlerModule).toBe("index");
    expect(echo?.handlerExport).toBe("handler");
    expect(echo?.timeoutSeconds).toBe(3);
    expect(echo?.memorySizeMb).toBe(128);
    expect(echo?.environment).toEqual({ ECHO_SETTING: "from-stack" });
  });

  test("an integration whose http_method references its method resolves to that method", () => {
    const model = loadStack(EDGE_JSON);
    const options = model.root.children.find((child) => child.path === "/items")?.methods.get("OPTIONS");
    expect(options?.integration).toMatchObject({ type: "MOCK", statusCode: 204 });
  });
});

describe("parseStack refuses what it cannot serve", () => {
  test("no REST API", () => {
    expect(problemsOf({ resource: {} })).toEqual(["the stack declares no aws_api_gateway_rest_api; there is nothing to serve"]);
  });

  test("two REST APIs", () => {
    const json = edge();
    at(json, "resource", "aws_api_gateway_rest_api").second = { name: "second" };
    expect(problemsOf(json)[0]).toMatch(/declares 2 REST APIs .*; the local gateway serves exactly one/);
  });

  test("every problem is reported at once, each naming the resource and what is supported", () => {
    const json = edge();
    at(json, "resource", "aws_api_gateway_integration", "open_get").type = "HTTP_PROXY";
    at(json, "resource", "aws_api_gateway_method", "boom_get").authorization = "AWS_IAM";
    at(json, "resource", "aws_api_gateway_method", "slow_get").api_key_required = true;
    at(json, "resource", "aws_api_gateway_authorizer", "token").type = "COGNITO_USER_POOLS";
    at(json, "resource").aws_api_gateway_request_validator = { v: { name: "v" } };
    at(json, "resource", "aws_api_gateway_gateway_response", "default_4xx", "response_parameters")["gatewayresponse.header.X-Bad"] = "unquoted value";
    at(json, "resource", "aws_api_gateway_gateway_response", "default_5xx", "response_templates")["application/json"] = "#set($x = 1)$x";
    at(json, "resource", "aws_lambda_function", "echo").runtime = "python3.12";
    const problems = problemsOf(json);
    expect(problems).toEqual(
      expect.arrayContaining([
        'aws_api_gateway_integration.open_get.type "HTTP_PROXY" is not supported locally; supported: AWS_PROXY (Lambda proxy), MOCK',
        'aws_api_gateway_method.boom_get.authorization "AWS_IAM" is not supported locally; use NONE or CUSTOM (a Lambda authorizer)',
        "aws_api_gateway_method.slow_get.api_key_required is not supported locally (API keys and usage plans are not emulated)",
        'aws_api_gateway_authorizer.token.type "COGNITO_USER_POOLS" is not supported locally; supported: REQUEST, TOKEN (Lambda authorizers)',
        "aws_api_gateway_request_validator (v) is not supported by the local gateway, which would otherwise ignore it",
        expect.stringContaining('gatewayresponse.header.X-Bad has the invalid mapping expression "unquoted value"'),
        expect.stringContaining('uses the VTL directive "#set"'),
        'aws_lambda_function.echo.runtime is "python3.12"; the local gateway runs only nodejs* runtimes',
      ]),
    );
  });

  test("a method without an integration", () => {
    const json = edge();
    delete at(json, "resource", "aws_api_gateway_integration").open_get;
    expect(problemsOf(json)).toEqual([
      "aws_api_gateway_method.open_get (GET /open) has no aws_api_gateway_integration; API Gateway would refuse to deploy it",
    ]);
  });

  test("a bundle folder that does not exist names the folder and says to synthesize", () => {
    const json = edge();
    at(json, "data", "archive_file", "echo").source_dir = "${path.module}/assets/missing";
    expect(problemsOf(json)).toEqual([`data.archive_file.echo.source_dir ${path.join(EDGE_DIR, "assets", "missing")} does not exist (run the synth first)`]);
  });

  test("count and for_each are refused", () => {
    const json = edge();
    at(json, "resource", "aws_api_gateway_resource", "open").count = 2;
    expect(problemsOf(json)).toContain("aws_api_gateway_resource.open uses count; the local gateway reads only single, static blocks");
  });

  test("a reference to an undeclared resource names it", () => {
    const json = edge();
    at(json, "resource", "aws_api_gateway_resource", "open").parent_id = "${aws_api_gateway_resource.ghost.id}";
    expect(problemsOf(json)).toContain(
      'aws_api_gateway_resource.open.parent_id: "${aws_api_gateway_resource.ghost.id}" references aws_api_gateway_resource.ghost, which the stack does not declare',
    );
  });

  test("types that do not change a response are accepted and named in the start-up notes", () => {
    const json = edge();
    at(json, "resource").aws_api_gateway_method_settings = { all: { rest_api_id: "${aws_api_gateway_rest_api.edge.id}", stage_name: "v1", method_path: "*/*", settings: {} } };
    const model = parseStack(json, EDGE_DIR);
    expect(model.notes).toEqual(["aws_api_gateway_method_settings: method settings (throttling, caching, logging) are not emulated"]);
  });
});
