import { parseHeaderMappings } from "../../src/local-gateway/header-mappings";

describe("parseHeaderMappings", () => {
  test("reads quoted static values and every supported mapping expression", () => {
    const { mappings, problems } = parseHeaderMappings(
      {
        "gatewayresponse.header.Strict-Transport-Security": "'max-age=31536000'",
        "gatewayresponse.header.Empty": "''",
        "gatewayresponse.header.Origin": "method.request.header.Origin",
        "gatewayresponse.header.Q": "method.request.querystring.q",
        "gatewayresponse.header.P": "method.request.path.id",
        "gatewayresponse.header.Id": "context.requestId",
        "gatewayresponse.header.Env": "stageVariables.env",
      },
      "gatewayresponse.header.",
      "r",
    );
    expect(problems).toEqual([]);
    expect(mappings).toEqual([
      { name: "Strict-Transport-Security", source: { kind: "static", value: "max-age=31536000" } },
      { name: "Empty", source: { kind: "static", value: "" } },
      { name: "Origin", source: { kind: "requestHeader", name: "Origin" } },
      { name: "Q", source: { kind: "requestQuerystring", name: "q" } },
      { name: "P", source: { kind: "requestPath", name: "id" } },
      { name: "Id", source: { kind: "context", path: "requestId" } },
      { name: "Env", source: { kind: "stageVariable", name: "env" } },
    ]);
  });

  test("an unquoted literal is an invalid mapping expression, as API Gateway says at deployment", () => {
    const { mappings, problems } = parseHeaderMappings({ "gatewayresponse.header.HSTS": "max-age=1" }, "gatewayresponse.header.", "r");
    expect(mappings).toEqual([]);
    expect(problems).toEqual([
      `r.gatewayresponse.header.HSTS has the invalid mapping expression "max-age=1"; use a single-quoted static value ('…'), method.request.header|querystring|path.<name>, context.<variable> or stageVariables.<name>`,
    ]);
  });

  test("a key without the expected prefix and an unknown context variable are refused", () => {
    const { problems } = parseHeaderMappings({ "method.response.header.X": "'a'", "gatewayresponse.header.Y": "context.nope" }, "gatewayresponse.header.", "r");
    expect(problems).toEqual([
      'r key "method.response.header.X" must be "gatewayresponse.header.<Header-Name>"',
      expect.stringContaining('r.gatewayresponse.header.Y has the invalid mapping expression "context.nope"'),
    ]);
  });
});
