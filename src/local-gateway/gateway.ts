import { AuthorizerCache } from "./authorizer/authorizer-cache";
import { AuthorizerEmulator, Invoker } from "./authorizer/authorizer-emulator";
import { authorizeStep } from "./authorizer/authorize-step";
import { identitySourcesStep } from "./authorizer/identity-step";
import { integrateStep } from "./integrations/integrate-step";
import { parseStep } from "./parse/parse-step";
import type { RawRequest } from "./parse/incoming-request";
import { GatewayReply, Invocation } from "./pipeline/invocation";
import { runSteps, Services, Step } from "./pipeline/step";
import { renderStep } from "./render/render-step";
import { routeStep } from "./route/route-step";
import type { StackModel } from "./stack/stack-model";

export type { GatewayReply };

/**
 * API Gateway's request path, in order. Each step is one module; a step that decides the response ends the
 * path, and render always runs. The shape follows LocalStack's next-generation REST API gateway (a handler
 * list in localstack/localstack `…/apigateway/next_gen/execute_api/gateway.py`).
 */
export const REQUEST_PATH: readonly Step[] = [parseStep, routeStep, identitySourcesStep, authorizeStep, integrateStep, renderStep];

/** Settings of a {@link Gateway}. */
export interface GatewayOptions {
  /**
   * The clock of the authorizer cache, in epoch milliseconds.
   * @default Date.now
   */
  readonly now?: () => number;
}

/** One REST API's request path, independent of HTTP. */
export class Gateway {
  private readonly services: Services;

  constructor(model: StackModel, invoker: Invoker, options: GatewayOptions = {}) {
    const now = options.now ?? Date.now;
    this.services = { model, invoker, authorizers: new AuthorizerEmulator(invoker, new AuthorizerCache(now), now) };
  }

  handle(raw: RawRequest, domainName: string): Promise<GatewayReply> {
    const invocation = new Invocation(raw, domainName);
    try {
      const pending = runSteps(REQUEST_PATH, invocation, this.services);
      return pending === undefined ? Promise.resolve(replyOf(invocation)) : pending.then(() => replyOf(invocation));
    } catch (error: unknown) {
      // A step that throws rejects the request, as it did when this was an async function.
      return Promise.reject(error);
    }
  }
}

function replyOf(invocation: Invocation): GatewayReply {
  if (invocation.reply === undefined) {
    throw new Error("the request path ended without a reply");
  }
  return invocation.reply;
}
