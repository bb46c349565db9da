import type { StackModel } from "../../../src/local-gateway/stack/stack-model";
import { ConformanceGateway, conformance, header, LOCALSTACK_EXT_REST_APIS } from "./harness";

// An unknown route (no resource, or no method on it) with an Authorization header that is not a SigV4
// signature: API Gateway parses the header as one and answers IncompleteSignatureException.

const MISSING_TOKEN_TYPE = "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html (MISSING_AUTHENTICATION_TOKEN)";
// Customising MISSING_AUTHENTICATION_TOKEN changes this answer (liath's comment, 2020-05-03); the error
// type on an unknown path: aws-amplify/amplify-js#984.
const SAME_GATEWAY_RESPONSE =
  "https://github.com/amazon-archives/aws-cognito-angular-quickstart/issues/50 and https://github.com/aws-amplify/amplify-js/issues/984";
const HSTS = "max-age=31536000; includeSubDomains; preload";

/** The edge stack without its own MISSING_AUTHENTICATION_TOKEN and DEFAULT_4XX: AWS's built-in template shows the message. */
const builtInMissingToken = (model: StackModel): StackModel => ({
  ...model,
  gatewayResponses: new Map([...model.gatewayResponses].filter(([type]) => type !== "MISSING_AUTHENTICATION_TOKEN" && type !== "DEFAULT_4XX")),
});

const messageOf = async (gateway: ConformanceGateway, authorization: string, extra: string[] = []): Promise<unknown> =>
  JSON.parse((await gateway.request("GET", "/v1/nowhere", ["Authorization", authorization, ...extra])).response.body.toString("utf8")).message;

describe("an unknown route", () => {
  conformance("without an Authorization header: 403 Missing Authentication Token, MissingAuthenticationTokenException", MISSING_TOKEN_TYPE, async () => {
    const reply = await new ConformanceGateway(builtInMissingToken).request("GET", "/v1/nowhere");
    expect(reply.response.statusCode).toBe(403);
    expect(header(reply, "x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(JSON.parse(reply.response.body.toString("utf8"))).toEqual({ message: "Missing Authentication Token" });
  });

  conformance(
    "with a non-SigV4 Authorization header: the MISSING_AUTHENTICATION_TOKEN gateway response (the stack's status, headers and template) with x-amzn-errortype IncompleteSignatureException",
    SAME_GATEWAY_RESPONSE,
    async () => {
      const reply = await new ConformanceGateway().request("GET", "/v1/nowhere", ["Authorization", "Bearer abc.def"]);
      expect(reply.response.statusCode).toBe(404);
      expect(header(reply, "x-amzn-errortype")).toBe("IncompleteSignatureException");
      expect(header(reply, "strict-transport-security")).toBe(HSTS);
      expect(JSON.parse(reply.response.body.toString("utf8"))).toEqual({ message: "no such route: GET /v1/nowhere" });
      expect(reply.response.body.toString("utf8")).not.toContain("abc.def");
    },
  );

  conformance("a method the resource does not declare counts as an unknown route", SAME_GATEWAY_RESPONSE, async () => {
    const reply = await new ConformanceGateway(builtInMissingToken).request("PUT", "/v1/open", ["Authorization", "Bearer abc"]);
    expect(reply.response.statusCode).toBe(403);
    expect(header(reply, "x-amzn-errortype")).toBe("IncompleteSignatureException");
  });

  conformance("with AWS's built-in template, a parameter without '=' is quoted with the whole header", LOCALSTACK_EXT_REST_APIS, async () => {
    const gateway = new ConformanceGateway(builtInMissingToken);
    const reply = await gateway.request("GET", "/v1/nowhere", ["Authorization", "Bearer invalid-token"]);
    expect(reply.response.statusCode).toBe(403);
    expect(JSON.parse(reply.response.body.toString("utf8"))).toEqual({
      message: "'invalid-token' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer invalid-token'.",
    });
  });

  conformance("key=value parameters without Credential, Signature, SignedHeaders or a date: each requirement, then the header", LOCALSTACK_EXT_REST_APIS, async () => {
    const gateway = new ConformanceGateway(builtInMissingToken);
    const all =
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    expect(await messageOf(gateway, "invalid-token bla=test")).toBe(`${all} Authorization=invalid-token bla=test`);
    expect(await messageOf(gateway, "Bearer invalid-token-bla=test")).toBe(`${all} Authorization=Bearer invalid-token-bla=test`);
  });

  conformance("a header with Credential= but not the rest: the requirements still missing", LOCALSTACK_EXT_REST_APIS, async () => {
    const gateway = new ConformanceGateway(builtInMissingToken);
    const header = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    expect(await messageOf(gateway, header)).toBe(
      `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`,
    );
    expect(await messageOf(gateway, header, ["X-Amz-Date", "20130524T000000Z"])).toBe(
      `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}`,
    );
  });

  conformance("a header starting with key=value has no algorithm name", LOCALSTACK_EXT_REST_APIS, async () => {
    const gateway = new ConformanceGateway(builtInMissingToken);
    expect(await messageOf(gateway, "Signature=random")).toBe("Authorization header must begin with the algorithm name, which cannot include an equal-sign: 'Signature=random'");
    expect(await messageOf(gateway, "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")).toBe(
      "Authorization header must begin with the algorithm name, which cannot include an equal-sign: 'Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request'",
    );
  });

  conformance("the security headers stay on the answer even when the message changes with every request", SAME_GATEWAY_RESPONSE, async () => {
    const gateway = new ConformanceGateway();
    for (const token of ["Bearer one", "Bearer two"]) {
      const reply = await gateway.request("GET", "/v1/nowhere", ["Authorization", token]);
      expect(header(reply, "strict-transport-security")).toBe(HSTS);
      expect(header(reply, "x-amzn-errortype")).toBe("IncompleteSignatureException");
    }
    const builtIn = new ConformanceGateway(builtInMissingToken);
    expect(await messageOf(builtIn, "Bearer one")).toContain("'Bearer one'");
    expect(await messageOf(builtIn, "Bearer two")).toContain("'Bearer two'");
  });
});
