import * as path from "node:path";
import { AuthorizerCache } from "../../src/local-gateway/authorizer/authorizer-cache";
import { AuthorizerEmulator } from "../../src/local-gateway/authorizer/authorizer-emulator";
import { Gateway, REQUEST_PATH } from "../../src/local-gateway/gateway";
import { Invocation } from "../../src/local-gateway/pipeline/invocation";
import { runSteps } from "../../src/local-gateway/pipeline/step";
import { INTEGRATIONS } from "../../src/local-gateway/integrations/integrate-step";
import { loadStack } from "../../src/local-gateway/stack/parse-stack";
import type { StackModel } from "../../src/local-gateway/stack/stack-model";

describe("the request path", () => {
  test("is one list of named steps in API Gateway's order, ending with render", () => {
    expect(REQUEST_PATH.map((step) => step.name)).toEqual(["parse", "route", "identity sources", "authorize", "integrate", "render"]);
    expect(REQUEST_PATH.filter((step) => step.always === true).map((step) => step.name)).toEqual(["render"]);
  });

  test("integrations are looked up by type in one table: AWS_PROXY and MOCK", () => {
    expect(Object.keys(INTEGRATIONS).sort()).toEqual(["AWS_PROXY", "MOCK"]);
  });

  test("an invoker that rejects fails the request at once, as a defect of the gateway (answered 500 by the server), instead of leaving it to the integration timeout", async () => {
    const model = loadStack(path.join(__dirname, "fixtures", "edge-stack", "cdk.tf.json"));
    const gateway = new Gateway(model, { invoke: () => Promise.reject(new Error("invoker broke")) });
    const handled = gateway.handle(
      { method: "GET", url: "/v1/open", rawHeaders: ["Host", "localhost"], body: Buffer.alloc(0), bodyTooLarge: false, remoteAddress: "127.0.0.1", httpVersion: "1.1", receivedAt: 0 },
      "localhost",
    );
    await expect(handled).rejects.toThrow("invoker broke");
  });

  test("a step that throws at once rejects the request's promise rather than throwing to the server's caller", async () => {
    const model = loadStack(path.join(__dirname, "fixtures", "edge-stack", "cdk.tf.json"));
    // A model without stages makes the route step throw synchronously.
    const broken = { ...model, stages: undefined } as unknown as StackModel;
    const gateway = new Gateway(broken, { invoke: () => Promise.reject(new Error("not reached")) });
    let handled: Promise<unknown> | undefined;
    expect(() => {
      handled = gateway.handle(
        { method: "GET", url: "/v1/open", rawHeaders: ["Host", "localhost"], body: Buffer.alloc(0), bodyTooLarge: false, remoteAddress: "127.0.0.1", httpVersion: "1.1", receivedAt: 0 },
        "localhost",
      );
    }).not.toThrow();
    await expect(handled).rejects.toThrow(TypeError);
  });

  test("a path whose steps all finish at once (a 401 from the identity check) runs without a promise, answered when runSteps returns", () => {
    const model = loadStack(path.join(__dirname, "fixtures", "edge-stack", "cdk.tf.json"));
    const invoker = { invoke: () => Promise.reject(new Error("not reached")) };
    const invocation = new Invocation(
      { method: "GET", url: "/v1/items", rawHeaders: ["Host", "localhost"], body: Buffer.alloc(0), bodyTooLarge: false, remoteAddress: "127.0.0.1", httpVersion: "1.1", receivedAt: 0 },
      "localhost",
    );
    const pending = runSteps(REQUEST_PATH, invocation, { model, invoker, authorizers: new AuthorizerEmulator(invoker, new AuthorizerCache()) });
    expect(pending).toBeUndefined();
    expect(invocation.reply?.response.statusCode).toBe(401);
  });
});
