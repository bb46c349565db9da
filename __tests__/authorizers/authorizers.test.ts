import { Testing } from "cdktf";
import { Construct } from "constructs";
import { IdentitySource, identitySourceProblems } from "../../src/authorizers/identity-source";
import { RequestAuthorizerProps } from "../../src/authorizers/request-authorizer";
import { TokenAuthorizerProps } from "../../src/authorizers/token-authorizer";
import { fn, ordersApi } from "../support/api-fixture";
import { onlyResource, parseStack, SynthesizedStack } from "../support/terraform-json";

function request(props: Partial<RequestAuthorizerProps> = {}): SynthesizedStack {
  return parseStack(
    Testing.synthScope((scope: Construct) => {
      ordersApi(scope).addRequestAuthorizer("key", { handler: fn(scope, "auth"), identitySources: [IdentitySource.header("x-custom-auth")], ...props });
    }),
  );
}

function token(props: Partial<TokenAuthorizerProps> = {}): SynthesizedStack {
  return parseStack(
    Testing.synthScope((scope: Construct) => {
      ordersApi(scope).addTokenAuthorizer("jwt", { handler: fn(scope, "auth"), ...props });
    }),
  );
}

describe("RequestAuthorizer", () => {
  const stack = request();
  const authorizer = onlyResource(stack, "aws_api_gateway_authorizer");

  test("is a REQUEST authorizer invoking the function, keyed on its identity header", () => {
    expect(authorizer.type).toBe("REQUEST");
    expect(authorizer.authorizer_uri).toBe("${aws_lambda_function.auth.invoke_arn}");
    expect(authorizer.identity_source).toBe("method.request.header.x-custom-auth");
  });

  test("caches decisions for 300 s by default", () => {
    expect(authorizer.authorizer_result_ttl_in_seconds).toBe(300);
  });

  test("is named after the API and its id", () => {
    expect(authorizer.name).toBe("orders-key");
  });

  test("joins several identity sources of every kind with commas, as API Gateway expects", () => {
    const sources = [IdentitySource.header("x-api-key"), IdentitySource.queryString("tenant"), IdentitySource.stageVariable("env"), IdentitySource.context("sourceIp")];
    expect(onlyResource(request({ identitySources: sources }), "aws_api_gateway_authorizer").identity_source).toBe(
      "method.request.header.x-api-key,method.request.querystring.tenant,stageVariables.env,context.sourceIp",
    );
  });

  test("lets API Gateway invoke the function for this authorizer only", () => {
    const permission = onlyResource(stack, "aws_lambda_permission");
    expect(permission.principal).toBe("apigateway.amazonaws.com");
    expect(permission.function_name).toBe("${aws_lambda_function.auth.function_name}");
    expect(permission.source_arn).toMatch(/^\$\{aws_api_gateway_rest_api\.[^}]+\.execution_arn\}\/authorizers\/\$\{aws_api_gateway_authorizer\.[^}]+\.id\}$/);
  });

  test("takes no identity source when caching is off", () => {
    expect(onlyResource(request({ identitySources: [], resultTtlSeconds: 0 }), "aws_api_gateway_authorizer").authorizer_result_ttl_in_seconds).toBe(0);
  });

  test.each<[string, Partial<RequestAuthorizerProps>, string]>([
    ["an identity source while caching", { identitySources: [] }, "property 'identitySources' must name at least one identity source while results are cached"],
    ["known identity source kinds", { identitySources: ["header.x"] }, "property 'identitySources[0]' must be method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>, got \"header.x\""],
    ["a TTL within 0–3600", { resultTtlSeconds: 3601 }, "property 'resultTtlSeconds' must be a whole number from 0 to 3600, got 3601"],
  ])("demands %s, naming the authorizer", (_rule, props, message) => {
    expect(() => request(props)).toThrow(`stack/orders/authorizer[key]: ${message}`);
  });
});

describe("TokenAuthorizer", () => {
  const authorizer = onlyResource(token(), "aws_api_gateway_authorizer");

  test("is a TOKEN authorizer reading the Authorization header by default", () => {
    expect(authorizer.type).toBe("TOKEN");
    expect(authorizer.identity_source).toBe("method.request.header.Authorization");
    expect(authorizer).not.toHaveProperty("identity_validation_expression");
  });

  test("passes a validation regex and a TTL through", () => {
    const configured = onlyResource(token({ identityHeader: "X-Token", validationRegex: "^Bearer [A-Za-z0-9._-]+$", resultTtlSeconds: 60 }), "aws_api_gateway_authorizer");
    expect(configured.identity_source).toBe("method.request.header.X-Token");
    expect(configured.identity_validation_expression).toBe("^Bearer [A-Za-z0-9._-]+$");
    expect(configured.authorizer_result_ttl_in_seconds).toBe(60);
  });

  test.each<[string, Partial<TokenAuthorizerProps>, string]>([
    ["a header name", { identityHeader: "bad header" }, "property 'identityHeader' must be an HTTP header name"],
    ["a valid regular expression", { validationRegex: "([" }, "property 'validationRegex' must be a valid regular expression, got \"([\""],
    ["a TTL within 0–3600", { resultTtlSeconds: -1 }, "property 'resultTtlSeconds' must be a whole number from 0 to 3600, got -1"],
  ])("demands %s, naming the authorizer", (_rule, props, message) => {
    expect(() => token(props)).toThrow(`stack/orders/authorizer[jwt]: ${message}`);
  });
});

describe("identitySourceProblems", () => {
  test("refuses the same source twice, whatever its case", () => {
    expect(identitySourceProblems("s", ["method.request.header.X-A", "method.request.header.x-a"], true)).toEqual([
      "property 's' names \"method.request.header.x-a\" twice",
    ]);
  });
});
