import { REQUEST_PATH } from "../../src/local-gateway/gateway";
import { INTEGRATIONS } from "../../src/local-gateway/integrations/integrate-step";

describe("the request path", () => {
  test("is one list of named steps in API Gateway's order, ending with render", () => {
    expect(REQUEST_PATH.map((step) => step.name)).toEqual(["parse", "route", "identity sources", "authorize", "integrate", "render"]);
    expect(REQUEST_PATH.filter((step) => step.always === true).map((step) => step.name)).toEqual(["render"]);
  });

  test("integrations are looked up by type in one table: AWS_PROXY and MOCK", () => {
    expect(Object.keys(INTEGRATIONS).sort()).toEqual(["AWS_PROXY", "MOCK"]);
  });
});
