import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { Testing } from "cdktf";
import { DEFAULT_MESSAGES, gatewayResponseProblems, statusClass, withoutHeaderPolicyProblems } from "../../src/gateway-responses/gateway-response-spec";
import { GatewayResponses, GatewayResponsesProps } from "../../src/gateway-responses/gateway-responses";
import { RESPONSE_TYPES, ResponseType, ResponseTypeName } from "../../src/gateway-responses/response-type";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { parseStack, resourcesOfType } from "../support/terraform-json";

const POLICY = new SecurityHeaderPolicy({ hsts: { preload: true } });
const PRELOAD_HSTS = "'max-age=31536000; includeSubDomains; preload'";

function synth(props: Partial<GatewayResponsesProps> = {}): string {
  return Testing.synthScope((scope) => {
    new GatewayResponses(scope, "responses", { restApiId: "api-id", headerPolicy: POLICY, ...props });
  });
}

function responses(json: string): Record<string, unknown>[] {
  return Object.values(resourcesOfType(parseStack(json), "aws_api_gateway_gateway_response"));
}

function responseOf(json: string, type: string): Record<string, unknown> | undefined {
  return responses(json).find((r) => r.response_type === type);
}

function hstsOf(response: Record<string, unknown> | undefined): unknown {
  return (response?.response_parameters as Record<string, string> | undefined)?.["gatewayresponse.header.Strict-Transport-Security"];
}

function templateOf(response: Record<string, unknown> | undefined): string {
  return (response?.response_templates as Record<string, string>)["application/json"];
}

describe("GatewayResponses", () => {
  // GIVEN no overrides WHEN synthesized
  const synthesized = synth();

  test("customises every one of API Gateway's 21 response types, each once", () => {
    expect(responses(synthesized).map((r) => r.response_type).sort()).toEqual([...RESPONSE_TYPES].sort());
    expect(RESPONSE_TYPES).toHaveLength(21);
  });

  test.each(RESPONSE_TYPES.map((type) => [type]))("gives %s the policy's HSTS and its whole header set", (type) => {
    const response = responseOf(synthesized, type);
    expect(hstsOf(response)).toBe(PRELOAD_HSTS);
    expect(response?.response_parameters).toEqual(POLICY.toGatewayResponseParameters());
  });

  test("lets every type keep its own status code unless told otherwise", () => {
    for (const response of responses(synthesized)) {
      expect(response).not.toHaveProperty("status_code");
    }
  });

  test("answers with a fixed message in AWS's body shape, never echoing $context.error.messageString", () => {
    for (const response of responses(synthesized)) {
      const template = templateOf(response);
      expect(template).not.toContain("$");
      expect(JSON.parse(template)).toEqual({ message: DEFAULT_MESSAGES[response.response_type as ResponseTypeName] });
    }
    expect(JSON.parse(templateOf(responseOf(synthesized, "UNAUTHORIZED")))).toEqual({ message: "Unauthorized" });
  });

  test("applies an override's status code and message to its type only", () => {
    const json = synth({ overrides: [{ type: ResponseType.UNAUTHORIZED, statusCode: 401, message: "認証エラー: UNAUTHORIZED" }] });
    expect(json).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: "UNAUTHORIZED",
      status_code: "401",
      response_templates: { "application/json": '{"message":"認証エラー: UNAUTHORIZED"}' },
    });
    expect(responseOf(json, "ACCESS_DENIED")).not.toHaveProperty("status_code");
    expect(responses(json)).toHaveLength(21);
  });

  test("an empty override list still puts the policy on every type (it cannot configure HSTS away)", () => {
    const json = synth({ overrides: [] });
    expect(responses(json)).toHaveLength(21);
    expect(hstsOf(responseOf(json, "UNAUTHORIZED"))).toBe(PRELOAD_HSTS);
    expect(hstsOf(responseOf(json, "ACCESS_DENIED"))).toBe(PRELOAD_HSTS);
  });

  test("leaves out exactly the types of the explicit opt-out", () => {
    const json = synth({ withoutHeaderPolicy: [ResponseType.WAF_FILTERED] });
    expect(responseOf(json, "WAF_FILTERED")).toBeUndefined();
    expect(responses(json)).toHaveLength(20);
  });

  test("refuses to customise a type the opt-out leaves to AWS", () => {
    expect(() => synth({ withoutHeaderPolicy: ["THROTTLED"], overrides: [{ type: "THROTTLED", statusCode: 429 }] })).toThrow(
      "Invalid configuration: stack/responses: property 'overrides' customises THROTTLED, which 'withoutHeaderPolicy' leaves to AWS",
    );
  });

  test("refuses UNAUTHORIZED with a 2XX status, naming the type and its class", () => {
    expect(() => synth({ overrides: [{ type: "UNAUTHORIZED", statusCode: 200 }] })).toThrow(
      "property 'overrides[0].statusCode' of UNAUTHORIZED must be a whole number from 400 to 499, got 200",
    );
  });

  test("refuses an unknown type in the opt-out", () => {
    expect(() => synth({ withoutHeaderPolicy: ["NOPE" as ResponseTypeName] })).toThrow(
      /property 'withoutHeaderPolicy\[0\]' must be one of ACCESS_DENIED, .*, got "NOPE"/,
    );
  });

  test("carries the CORS headers on every response when the policy has them, so browsers can read a 401", () => {
    const json = synth({ headerPolicy: new SecurityHeaderPolicy({ cors: { allowOrigin: "https://app.example.com" } }) });
    for (const response of responses(json)) {
      expect((response.response_parameters as Record<string, string>)["gatewayresponse.header.Access-Control-Allow-Origin"]).toBe("'https://app.example.com'");
    }
  });

  test("escapes a message with quotes into valid JSON", () => {
    const json = synth({ overrides: [{ type: ResponseType.UNAUTHORIZED, message: 'say "please"' }] });
    expect(JSON.parse(templateOf(responseOf(json, "UNAUTHORIZED")))).toEqual({ message: 'say "please"' });
  });
});

describe("statusClass", () => {
  test.each<[ResponseTypeName, number, number]>([
    ["UNAUTHORIZED", 400, 499],
    ["ACCESS_DENIED", 400, 499],
    ["THROTTLED", 400, 499],
    ["DEFAULT_4XX", 400, 499],
    ["AUTHORIZER_FAILURE", 500, 599],
    ["INTEGRATION_TIMEOUT", 500, 599],
    ["DEFAULT_5XX", 500, 599],
  ])("keeps %s within %i–%i", (type, min, max) => {
    expect(statusClass(type)).toEqual({ min, max });
  });
});

describe("gatewayResponseProblems", () => {
  test("accepts an empty list and in-class overrides", () => {
    expect(gatewayResponseProblems([])).toEqual([]);
    expect(gatewayResponseProblems([{ type: "UNAUTHORIZED", statusCode: 401 }, { type: "DEFAULT_5XX", statusCode: 503 }])).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ["a list", { type: "UNAUTHORIZED" }, "property 'gatewayResponses' must be a list of {type, statusCode?, message?}, got {\"type\":\"UNAUTHORIZED\"}"],
    ["objects", ["UNAUTHORIZED"], "property 'gatewayResponses[0]' must be an object {type, statusCode?, message?}, got \"UNAUTHORIZED\""],
    ["known keys", [{ type: "UNAUTHORIZED", status: 401 }], "property 'gatewayResponses[0].status' is not known; allowed: type, statusCode, message"],
    ["each type once", [{ type: "UNAUTHORIZED" }, { type: "UNAUTHORIZED" }], "property 'gatewayResponses[1].type' repeats UNAUTHORIZED; each response type may be customised once"],
    ["a 5XX for a server error", [{ type: "AUTHORIZER_FAILURE", statusCode: 403 }], "property 'gatewayResponses[0].statusCode' of AUTHORIZER_FAILURE must be a whole number from 500 to 599, got 403"],
    ["a whole status", [{ type: "ACCESS_DENIED", statusCode: 403.5 }], "property 'gatewayResponses[0].statusCode' of ACCESS_DENIED must be a whole number from 400 to 499, got 403.5"],
    ["a message without $", [{ type: "UNAUTHORIZED", message: "$context.x" }], "property 'gatewayResponses[0].message' must be non-empty text without '$' or control characters, got \"$context.x\""],
    ["a message without newlines", [{ type: "UNAUTHORIZED", message: "a\nb" }], "property 'gatewayResponses[0].message' must be non-empty text without '$' or control characters, got \"a\\nb\""],
    ["a non-empty message", [{ type: "UNAUTHORIZED", message: "" }], "property 'gatewayResponses[0].message' must be non-empty text without '$' or control characters, got \"\""],
  ])("demands %s", (_rule, specs, message) => {
    expect(gatewayResponseProblems(specs)).toEqual([message]);
  });
});

describe("the default messages", () => {
  // AWS's own wording for each type, written out here so that a changed or emptied message is noticed.
  test.each<[ResponseTypeName, string]>([
    ["ACCESS_DENIED", "User is not authorized to access this resource"],
    ["API_CONFIGURATION_ERROR", "Internal server error"],
    ["AUTHORIZER_CONFIGURATION_ERROR", "Internal server error"],
    ["AUTHORIZER_FAILURE", "Internal server error"],
    ["BAD_REQUEST_BODY", "Invalid request body"],
    ["BAD_REQUEST_PARAMETERS", "Missing required request parameters"],
    ["DEFAULT_4XX", "Bad request"],
    ["DEFAULT_5XX", "Internal server error"],
    ["EXPIRED_TOKEN", "The security token included in the request is expired"],
    ["INTEGRATION_FAILURE", "Internal server error"],
    ["INTEGRATION_TIMEOUT", "Endpoint request timed out"],
    ["INVALID_API_KEY", "Forbidden"],
    ["INVALID_SIGNATURE", "The request signature is invalid"],
    ["MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token"],
    ["QUOTA_EXCEEDED", "Limit Exceeded"],
    ["REQUEST_TOO_LARGE", "Request Too Long"],
    ["RESOURCE_NOT_FOUND", "Not Found"],
    ["THROTTLED", "Too Many Requests"],
    ["UNAUTHORIZED", "Unauthorized"],
    ["UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type"],
    ["WAF_FILTERED", "Forbidden"],
  ])("%s answers {\"message\":%j} unless overridden", (type, message) => {
    expect(JSON.parse(templateOf(responseOf(synth(), type)))).toEqual({ message });
  });

  test("covers every response type", () => {
    expect(Object.keys(DEFAULT_MESSAGES).sort()).toEqual([...RESPONSE_TYPES].sort());
  });
});

describe("gatewayResponseProblems, edges", () => {
  test.each<[string, unknown, string]>([
    ["a known type", [{ type: "NOT_A_TYPE" }], "property 'gatewayResponses[0].type' must be one of ACCESS_DENIED, API_CONFIGURATION_ERROR"],
    ["an object, not null", [null], "property 'gatewayResponses[0]' must be an object {type, statusCode?, message?}, got null"],
    ["a numeric status, not a string", [{ type: "UNAUTHORIZED", statusCode: "401" }], "property 'gatewayResponses[0].statusCode' of UNAUTHORIZED must be a whole number from 400 to 499, got \"401\""],
    ["a client error to stay above 399", [{ type: "UNAUTHORIZED", statusCode: 399 }], "must be a whole number from 400 to 499, got 399"],
    ["a client error to stay below 500", [{ type: "UNAUTHORIZED", statusCode: 500 }], "must be a whole number from 400 to 499, got 500"],
    ["a server error to stay below 600", [{ type: "DEFAULT_5XX", statusCode: 600 }], "of DEFAULT_5XX must be a whole number from 500 to 599, got 600"],
    ["a text message", [{ type: "UNAUTHORIZED", message: 401 }], "property 'gatewayResponses[0].message' must be non-empty text without '$' or control characters, got 401"],
  ])("demands %s", (_rule, specs, message) => {
    const problems = gatewayResponseProblems(specs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test.each<[ResponseTypeName, number]>([
    ["UNAUTHORIZED", 400],
    ["UNAUTHORIZED", 499],
    ["DEFAULT_5XX", 500],
    ["DEFAULT_5XX", 599],
  ])("accepts %s with %i, at the edge of its class", (type, statusCode) => {
    expect(gatewayResponseProblems([{ type, statusCode }])).toEqual([]);
  });
});

describe("withoutHeaderPolicyProblems", () => {
  test("accepts known types, each once", () => {
    expect(withoutHeaderPolicyProblems("w", ["WAF_FILTERED", "THROTTLED"])).toEqual([]);
  });

  test.each<[string, unknown, string[]]>([
    ["a list", "WAF_FILTERED", ["property 'w' must be a list of response types, got \"WAF_FILTERED\""]],
    ["each type once", ["THROTTLED", "THROTTLED"], ["property 'w' names THROTTLED twice"]],
  ])("demands %s", (_rule, value, problems) => {
    expect(withoutHeaderPolicyProblems("w", value)).toEqual(problems);
  });
});
