import { renderGatewayResponse, RenderInput } from "../../src/local-gateway/render/gateway-response-renderer";
import { parseIncomingRequest } from "../../src/local-gateway/parse/incoming-request";
import { GatewayErrors } from "../../src/local-gateway/render/response-types";
import type { GatewayResponseModel } from "../../src/local-gateway/stack/stack-model";

const HSTS = { name: "Strict-Transport-Security", source: { kind: "static", value: "max-age=60" } } as const;

const input: RenderInput = {
  request: parseIncomingRequest({
    method: "GET",
    url: "/prod/x",
    rawHeaders: ["Origin", "https://a.example"],
    body: Buffer.alloc(0),
    bodyTooLarge: false,
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: 0,
  }),
  pathParameters: {},
  context: new Map([["requestId", "req-9"]]),
  stageVariables: {},
};

const responses = (...models: GatewayResponseModel[]): Map<string, GatewayResponseModel> => new Map(models.map((m) => [m.type, m]));
const headerMap = (headers: readonly (readonly [string, string])[]): Record<string, string> => Object.fromEntries(headers);

describe("renderGatewayResponse", () => {
  test("with nothing customised, AWS's built-in response: own status, JSON message, error type", () => {
    const { response, answeredBy } = renderGatewayResponse(GatewayErrors.unauthorized(), new Map(), input);
    expect(response.statusCode).toBe(401);
    expect(headerMap(response.headers)).toEqual({ "content-type": "application/json", "x-amzn-errortype": "UnauthorizedException" });
    expect(response.body.toString()).toBe('{"message":"Unauthorized"}');
    expect(answeredBy).toBe("gateway-response built-in UNAUTHORIZED");
  });

  test("AWS's built-in access-denied body uses the key 'Message'", () => {
    const { response } = renderGatewayResponse(GatewayErrors.explicitDeny(), new Map(), input);
    expect(response.body.toString()).toBe('{"Message":"User is not authorized to access this resource with an explicit deny"}');
  });

  test("a customised type is used with its status, headers and template", () => {
    const { response, answeredBy } = renderGatewayResponse(
      GatewayErrors.unauthorized(),
      responses({ type: "UNAUTHORIZED", statusCode: 418, headers: [HSTS], templates: { "application/json": '{"m":"custom"}' } }),
      input,
    );
    expect(response.statusCode).toBe(418);
    expect(headerMap(response.headers)["strict-transport-security"]).toBe("max-age=60");
    expect(response.body.toString()).toBe('{"m":"custom"}');
    expect(answeredBy).toBe("gateway-response UNAUTHORIZED");
  });

  test("an uncustomised 4XX falls back to DEFAULT_4XX, keeping its own status unless DEFAULT_4XX sets one", () => {
    const fallback = responses({ type: "DEFAULT_4XX", headers: [HSTS], templates: { "application/json": '{"message":$context.error.messageString}' } });
    const own = renderGatewayResponse(GatewayErrors.missingAuthenticationToken(), fallback, input);
    expect(own.response.statusCode).toBe(403);
    expect(headerMap(own.response.headers)["strict-transport-security"]).toBe("max-age=60");
    expect(headerMap(own.response.headers)["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expect(own.answeredBy).toBe("gateway-response DEFAULT_4XX for MISSING_AUTHENTICATION_TOKEN");

    const overridden = renderGatewayResponse(GatewayErrors.missingAuthenticationToken(), responses({ type: "DEFAULT_4XX", statusCode: 400, headers: [], templates: {} }), input);
    expect(overridden.response.statusCode).toBe(400);
  });

  test("a 5XX does not fall back to DEFAULT_4XX", () => {
    const { response } = renderGatewayResponse(GatewayErrors.authorizerConfiguration(), responses({ type: "DEFAULT_4XX", headers: [HSTS], templates: {} }), input);
    expect(response.statusCode).toBe(500);
    expect(headerMap(response.headers)["strict-transport-security"]).toBeUndefined();
    expect(response.body.toString()).toBe('{"message":null}');
  });

  test("a failing Lambda proxy is 502 through DEFAULT_5XX", () => {
    const { response } = renderGatewayResponse(GatewayErrors.lambdaProxyFailure(), responses({ type: "DEFAULT_5XX", headers: [HSTS], templates: {} }), input);
    expect(response.statusCode).toBe(502);
    expect(headerMap(response.headers)["x-amzn-errortype"]).toBe("InternalServerErrorException");
    expect(headerMap(response.headers)["strict-transport-security"]).toBe("max-age=60");
  });

  test("mapped headers read the request and the context; a header the stack maps wins over AWS's error type", () => {
    const { response } = renderGatewayResponse(
      GatewayErrors.unauthorized(),
      responses({
        type: "UNAUTHORIZED",
        headers: [
          { name: "Access-Control-Allow-Origin", source: { kind: "requestHeader", name: "origin" } },
          { name: "X-Id", source: { kind: "context", path: "requestId" } },
          { name: "x-amzn-ErrorType", source: { kind: "static", value: "Custom" } },
        ],
        templates: { "application/json": '{"id":"$context.requestId","type":"$context.error.responseType"}' },
      }),
      input,
    );
    const headers = headerMap(response.headers);
    expect(headers["access-control-allow-origin"]).toBe("https://a.example");
    expect(headers["x-id"]).toBe("req-9");
    expect(headers["x-amzn-errortype"]).toBe("Custom");
    expect(response.body.toString()).toBe('{"id":"req-9","type":"UNAUTHORIZED"}');
  });
});
