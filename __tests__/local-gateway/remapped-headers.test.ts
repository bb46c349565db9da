import { remapIntegrationHeaders } from "../../src/local-gateway/integrations/remapped-headers";

describe("remapIntegrationHeaders", () => {
  test("headers API Gateway remaps are renamed x-amzn-remapped-*, and content-length is left to the gateway", () => {
    expect(
      remapIntegrationHeaders([
        ["content-type", "text/plain"],
        ["www-authenticate", "Bearer"],
        ["connection", "close"],
        ["transfer-encoding", "chunked"],
        ["content-length", "999"],
        ["strict-transport-security", "max-age=1"],
      ]),
    ).toEqual([
      ["content-type", "text/plain"],
      ["x-amzn-remapped-www-authenticate", "Bearer"],
      ["x-amzn-remapped-connection", "close"],
      ["x-amzn-remapped-transfer-encoding", "chunked"],
      ["strict-transport-security", "max-age=1"],
    ]);
  });
});
