import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { Testing } from "cdktf";
import { DEFAULT_GATEWAY_RESPONSES, GatewayResponseSpec, gatewayResponseProblems } from "../../src/gateway-responses/gateway-response-spec";
import { GatewayResponses } from "../../src/gateway-responses/gateway-responses";
import { ResponseType } from "../../src/gateway-responses/response-type";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { parseStack, resourcesOfType } from "../support/terraform-json";

const REFERENCE_HSTS = "'max-age=31536000; includeSubDomains; preload'";
const POLICY = new SecurityHeaderPolicy({ hsts: { preload: true } });

function synth(responses?: readonly GatewayResponseSpec[]): string {
  return Testing.synthScope((scope) => {
    new GatewayResponses(scope, "responses", { restApiId: "api-id", headerPolicy: POLICY, responses });
  });
}

/** The synthesized response of one type. */
function responseOf(json: string, type: string): Record<string, unknown> | undefined {
  return Object.values(resourcesOfType(parseStack(json), "aws_api_gateway_gateway_response")).find((r) => r.response_type === type);
}

/** Its HSTS header parameter. */
function hstsOf(response: Record<string, unknown> | undefined): unknown {
  return (response?.response_parameters as Record<string, string> | undefined)?.["gatewayresponse.header.Strict-Transport-Security"];
}

describe("GatewayResponses", () => {
  // GIVEN the default responses WHEN synthesized
  const synthesized = synth();

  test("answers UNAUTHORIZED with 401, the reference body and HSTS", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: "UNAUTHORIZED",
      status_code: "401",
      response_templates: { "application/json": '{"message":"認証エラー: UNAUTHORIZED"}' },
    });
    expect(hstsOf(responseOf(synthesized, "UNAUTHORIZED"))).toBe(REFERENCE_HSTS);
  });

  test("answers ACCESS_DENIED with 403, the reference body and HSTS", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: "ACCESS_DENIED",
      status_code: "403",
      response_templates: { "application/json": '{"message":"認可エラー: ACCESS_DENIED"}' },
    });
    expect(hstsOf(responseOf(synthesized, "ACCESS_DENIED"))).toBe(REFERENCE_HSTS);
  });

  test.each(["AUTHORIZER_FAILURE", "AUTHORIZER_CONFIGURATION_ERROR"])(
    "answers %s (a crashing or misconfigured authorizer) with 500 and HSTS",
    (type) => {
      expect(synthesized).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
        response_type: type,
        status_code: "500",
        response_templates: { "application/json": '{"message":$context.error.messageString}' },
      });
      expect(hstsOf(responseOf(synthesized, type))).toBe(REFERENCE_HSTS);
    },
  );

  test.each(["DEFAULT_4XX", "DEFAULT_5XX"])("sets HSTS on %s without forcing one status code on every type", (type) => {
    const response = responseOf(synthesized, type);
    expect(hstsOf(response)).toBe(REFERENCE_HSTS);
    expect(response).not.toHaveProperty("status_code");
  });

  test("creates one resource per default type and nothing else", () => {
    const types = Object.values(resourcesOfType(parseStack(synthesized), "aws_api_gateway_gateway_response")).map(
      (r) => r.response_type,
    );
    expect(types.sort()).toEqual(DEFAULT_GATEWAY_RESPONSES.map((spec) => spec.type).sort());
  });

  test("gives every response the policy's whole header set, not only HSTS", () => {
    for (const response of Object.values(resourcesOfType(parseStack(synthesized), "aws_api_gateway_gateway_response"))) {
      expect(response.response_parameters).toEqual(POLICY.toGatewayResponseParameters());
      expect(response.response_parameters).toMatchObject({
        "gatewayresponse.header.X-Content-Type-Options": "'nosniff'",
        "gatewayresponse.header.Cache-Control": "'no-store'",
      });
    }
  });

  test("carries the CORS headers on every response when the policy has them, so browsers can read a 401", () => {
    const json = Testing.synthScope((scope) => {
      new GatewayResponses(scope, "responses", {
        restApiId: "api-id",
        headerPolicy: new SecurityHeaderPolicy({ cors: { allowOrigin: "https://app.example.com" } }),
      });
    });
    for (const response of Object.values(resourcesOfType(parseStack(json), "aws_api_gateway_gateway_response"))) {
      expect((response.response_parameters as Record<string, string>)["gatewayresponse.header.Access-Control-Allow-Origin"]).toBe("'https://app.example.com'");
    }
  });

  test("customises exactly the types it is given", () => {
    const json = synth([{ type: ResponseType.THROTTLED, statusCode: 429, message: "slow down" }]);
    expect(json).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: "THROTTLED",
      status_code: "429",
      response_templates: { "application/json": '{"message":"slow down"}' },
    });
    expect(json).not.toHaveResourceWithProperties(ApiGatewayGatewayResponse, { response_type: "UNAUTHORIZED" });
  });

  test("escapes a message with quotes into valid JSON", () => {
    const json = synth([{ type: ResponseType.UNAUTHORIZED, message: 'say "please"' }]);
    const [response] = Object.values(resourcesOfType(parseStack(json), "aws_api_gateway_gateway_response"));
    const template = (response.response_templates as Record<string, string>)["application/json"];
    expect(JSON.parse(template)).toEqual({ message: 'say "please"' });
  });

  test("throws on an unknown response type, naming it and the allowed ones", () => {
    expect(() => synth([{ type: "NOT_A_TYPE" as typeof ResponseType.UNAUTHORIZED }])).toThrow(
      /property 'gatewayResponses\[0\]\.type' must be one of ACCESS_DENIED, .*WAF_FILTERED, got "NOT_A_TYPE"/,
    );
  });
});

describe("gatewayResponseProblems", () => {
  test("accepts the defaults", () => {
    expect(gatewayResponseProblems(DEFAULT_GATEWAY_RESPONSES)).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ["a list", { type: "UNAUTHORIZED" }, "property 'gatewayResponses' must be a list of {type, statusCode?, message?}, got {\"type\":\"UNAUTHORIZED\"}"],
    ["objects", ["UNAUTHORIZED"], "property 'gatewayResponses[0]' must be an object {type, statusCode?, message?}, got \"UNAUTHORIZED\""],
    ["known keys", [{ type: "UNAUTHORIZED", status: 401 }], "property 'gatewayResponses[0].status' is not known; allowed: type, statusCode, message"],
    ["each type once", [{ type: "UNAUTHORIZED" }, { type: "UNAUTHORIZED" }], "property 'gatewayResponses[1].type' repeats UNAUTHORIZED; each response type may be customised once"],
    ["a status from 100 to 599", [{ type: "UNAUTHORIZED", statusCode: 99 }], "property 'gatewayResponses[0].statusCode' must be a whole number from 100 to 599, got 99"],
    ["a message without $", [{ type: "UNAUTHORIZED", message: "$context.x" }], "property 'gatewayResponses[0].message' must be text without '$' or control characters, got \"$context.x\""],
    ["a message without newlines", [{ type: "UNAUTHORIZED", message: "a\nb" }], "property 'gatewayResponses[0].message' must be text without '$' or control characters, got \"a\\nb\""],
  ])("demands %s", (_rule, specs, message) => {
    expect(gatewayResponseProblems(specs)).toEqual([message]);
  });
});
