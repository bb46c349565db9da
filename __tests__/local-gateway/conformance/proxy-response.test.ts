import type { StackModel } from "../../../src/local-gateway/stack/stack-model";
import { AWS_PROXY_DOC, ConformanceGateway, conformance, header, LOCALSTACK_AWS_PROXY } from "./harness";

// What the client receives from a Lambda proxy integration's result.

const BINARY_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/lambda-proxy-binary-media.html";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
const withBinaryTypes = (types: string[]) => (model: StackModel): StackModel => ({ ...model, binaryMediaTypes: types });

describe("proxy responses", () => {
  conformance("an isBase64Encoded body is decoded when the first Accept type matches a binary media type", BINARY_DOC, async () => {
    const gateway = new ConformanceGateway(withBinaryTypes(["image/png"]));
    gateway.backendReturns({ statusCode: 200, headers: { "Content-Type": "image/png" }, body: PNG.toString("base64"), isBase64Encoded: true });
    const reply = await gateway.request("GET", "/v1/open", ["Accept", "image/png, text/html"]);
    expect([...reply.response.body]).toEqual([...PNG]);
  });

  conformance("an isBase64Encoded body is sent as its base64 text when the first Accept type matches none", BINARY_DOC, async () => {
    const gateway = new ConformanceGateway(withBinaryTypes(["image/png"]));
    gateway.backendReturns({ statusCode: 200, headers: { "Content-Type": "image/png" }, body: PNG.toString("base64"), isBase64Encoded: true });
    const reply = await gateway.request("GET", "/v1/open", ["Accept", "text/html, image/png"]);
    expect(reply.response.body.toString("utf8")).toBe(PNG.toString("base64"));
  });

  conformance("an isBase64Encoded body is sent as its base64 text when the API declares no binary media types", BINARY_DOC, async () => {
    const gateway = new ConformanceGateway(withBinaryTypes([]));
    gateway.backendReturns({ statusCode: 200, body: PNG.toString("base64"), isBase64Encoded: true });
    const reply = await gateway.request("GET", "/v1/open", ["Accept", "*/*"]);
    expect(reply.response.body.toString("utf8")).toBe(PNG.toString("base64"));
  });

  conformance("*/* as a binary media type decodes for any Accept", BINARY_DOC, async () => {
    const gateway = new ConformanceGateway(withBinaryTypes(["*/*"]));
    gateway.backendReturns({ statusCode: 200, body: PNG.toString("base64"), isBase64Encoded: true });
    const reply = await gateway.request("GET", "/v1/open", ["Accept", "text/html,application/xhtml+xml"]);
    expect([...reply.response.body]).toEqual([...PNG]);
  });

  conformance("headers and multiValueHeaders are merged; for a name in both, only the multiValueHeaders values are sent", `${AWS_PROXY_DOC}#api-gateway-simple-proxy-for-lambda-output-format`, async () => {
    const gateway = new ConformanceGateway();
    gateway.backendReturns({ statusCode: 200, headers: { "X-Single": "s", "X-Both": "from-headers" }, multiValueHeaders: { "X-Both": ["m1", "m2"], "X-Multi": ["a", "b"] }, body: "" });
    const reply = await gateway.request("GET", "/v1/open");
    expect(header(reply, "x-single")).toBe("s");
    expect(header(reply, "x-both")).toBe("m1, m2");
    expect(header(reply, "x-multi")).toBe("a, b");
  });

  conformance("a result without statusCode is sent as 200", LOCALSTACK_AWS_PROXY, async () => {
    const gateway = new ConformanceGateway();
    gateway.backendReturns({ body: "no status" });
    const reply = await gateway.request("GET", "/v1/open");
    expect(reply.response.statusCode).toBe(200);
    expect(reply.response.body.toString("utf8")).toBe("no status");
  });

  conformance("a result without a Content-Type is sent as application/json", LOCALSTACK_AWS_PROXY, async () => {
    const gateway = new ConformanceGateway();
    gateway.backendReturns({ statusCode: 200, body: "x" });
    expect(header(await gateway.request("GET", "/v1/open"), "content-type")).toBe("application/json");
  });

  conformance("a result with a key outside the proxy format is a 502 Internal server error", `${AWS_PROXY_DOC}#api-gateway-simple-proxy-for-lambda-output-format`, async () => {
    const gateway = new ConformanceGateway();
    gateway.backendReturns({ statusCode: 200, body: "x", cookies: ["a=1"] });
    const reply = await gateway.request("GET", "/v1/open");
    expect(reply.response.statusCode).toBe(502);
    expect(JSON.parse(reply.response.body.toString("utf8"))).toEqual({ message: "Internal server error" });
  });

  conformance("a header no HTTP response can carry is a malformed result: 502 through DEFAULT_5XX, with the stack's security headers", `${AWS_PROXY_DOC}#api-gateway-simple-proxy-for-lambda-output-format`, async () => {
    const gateway = new ConformanceGateway();
    gateway.backendReturns({ statusCode: 200, headers: { "X-Split": "a\r\nSet-Cookie: injected=1" }, body: "x" });
    const reply = await gateway.request("GET", "/v1/open");
    expect(reply.response.statusCode).toBe(502);
    expect(header(reply, "strict-transport-security")).toBe("max-age=31536000; includeSubDomains; preload");
    expect(header(reply, "set-cookie")).toBeUndefined();
  });

  conformance("a function error is a 502 Internal server error with x-amzn-errortype InternalServerErrorException", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    gateway.answer("edge-echo", () => ({ kind: "error", errorType: "Error", errorMessage: "boom" }));
    const reply = await gateway.request("GET", "/v1/open");
    expect(reply.response.statusCode).toBe(502);
    expect(header(reply, "x-amzn-errortype")).toBe("InternalServerErrorException");
  });
});
