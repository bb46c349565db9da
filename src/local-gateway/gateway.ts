import { AuthorizerCache } from "./authorizer/authorizer-cache";
import { AuthorizerEmulator, DecisionSource, Invoker } from "./authorizer/authorizer-emulator";
import { RenderInput, RenderedResponse, renderGatewayResponse } from "./render/gateway-response-renderer";
import type { IncomingRequest } from "./parse/incoming-request";
import { AuthorizerFacts, contextValuesOf, pathWithoutStage, proxyEvent, RequestFacts } from "./lambda/lambda-events";
import { methodArn, newExtendedRequestId, newRequestId, newTraceSuffix } from "./local-ids";
import { answerMock } from "./integrations/mock-integration";
import { parseProxyResult } from "./lambda/proxy-result";
import { remapIntegrationHeaders } from "./integrations/remapped-headers";
import { GatewayError, GatewayErrors } from "./render/response-types";
import { matchRoute } from "./route/routing";
import type { StackModel } from "./stack/stack-model";

/** The gateway's answer to one request, with what produced it (for the request log). */
export interface GatewayReply {
  readonly response: RenderedResponse;
  /** `gateway-response UNAUTHORIZED`, `integration AWS_PROXY Api-backend`, `integration MOCK`… */
  readonly answeredBy: string;
  /** How the authorizer decided, when one ran. */
  readonly authorizer?: DecisionSource;
  /** Why a gateway response was sent, when there is more to say (never a credential). */
  readonly detail?: string;
}

/** Settings of a {@link Gateway}. */
export interface GatewayOptions {
  /**
   * The clock of the authorizer cache, in epoch milliseconds.
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * API Gateway's request path for one REST API, independent of HTTP: stage → route → authorizer →
 * integration, with every error answered by the gateway response API Gateway would choose.
 */
export class Gateway {
  private readonly authorizers: AuthorizerEmulator;

  constructor(
    private readonly model: StackModel,
    private readonly invoker: Invoker,
    options: GatewayOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.authorizers = new AuthorizerEmulator(invoker, new AuthorizerCache(now), now);
  }

  async handle(request: IncomingRequest, domainName: string): Promise<GatewayReply> {
    const requestId = newRequestId();
    const extendedRequestId = newExtendedRequestId();
    const stage = this.model.stages.find((candidate) => candidate.name === request.segments[0]);
    if (stage === undefined) {
      return withIds(forbiddenOutsideStages(), requestId, extendedRequestId);
    }
    const route = matchRoute(this.model.root, request.segments.slice(1), request.method);
    const facts: RequestFacts = {
      request,
      stage,
      resource: route?.resource ?? this.model.root,
      pathParameters: route?.pathParameters ?? {},
      requestId,
      extendedRequestId,
      apiId: this.model.apiId,
      accountId: this.model.accountId,
      domainName,
    };
    const reply = await this.handleInStage(facts, route);
    return withIds(reply, requestId, extendedRequestId);
  }

  private async handleInStage(facts: RequestFacts, route: ReturnType<typeof matchRoute>): Promise<GatewayReply> {
    if (route === undefined) {
      return this.error(GatewayErrors.missingAuthenticationToken(), facts);
    }
    if (facts.request.bodyTooLarge) {
      return this.error(GatewayErrors.requestTooLarge(), facts);
    }
    let authorizer: AuthorizerFacts | undefined;
    let via: DecisionSource | undefined;
    if (route.method.authorization === "CUSTOM" && route.method.authorizerAddress !== undefined) {
      const model = this.model.authorizers.get(route.method.authorizerAddress);
      if (model === undefined) {
        return this.error(GatewayErrors.authorizerConfiguration(), facts);
      }
      const arn = methodArn(this.model.region, this.model.apiId, facts.stage.name, facts.request.method, pathWithoutStage(facts.request));
      const outcome = await this.authorizers.authorize(model, facts, arn, contextValuesOf(facts));
      via = outcome.via;
      if (outcome.kind === "reject") {
        return { ...this.error(outcome.error, facts), authorizer: via, detail: `${model.name}: ${outcome.detail ?? ""}` };
      }
      authorizer = outcome.authorizer;
    }
    const integration = route.method.integration;
    if (integration.type === "MOCK") {
      const response = answerMock(integration, this.renderInput(facts, authorizer), contextValuesOf(facts, authorizer));
      return response === undefined
        ? { ...this.error(GatewayErrors.apiConfiguration(), facts, authorizer), authorizer: via, detail: "no integration response matches the MOCK status code" }
        : { response, answeredBy: "integration MOCK", authorizer: via };
    }
    const fn = this.model.functions.get(integration.functionAddress);
    const event = proxyEvent(facts, this.model.binaryMediaTypes, authorizer);
    const outcome = await withTimeout(this.invoker.invoke(integration.functionAddress, event, newRequestId()), integration.timeoutMilliseconds);
    if (outcome === "timeout") {
      return { ...this.error(GatewayErrors.integrationTimeout(), facts, authorizer), authorizer: via };
    }
    if (outcome.kind === "error") {
      return {
        ...this.error(GatewayErrors.lambdaProxyFailure(), facts, authorizer),
        authorizer: via,
        detail: `${fn?.functionName ?? integration.functionAddress} failed: ${outcome.errorType}: ${outcome.errorMessage}`,
      };
    }
    const parsed = parseProxyResult(outcome.payload);
    if (!parsed.ok) {
      return {
        ...this.error(GatewayErrors.lambdaProxyFailure(), facts, authorizer),
        authorizer: via,
        detail: `Malformed Lambda proxy response from ${fn?.functionName ?? integration.functionAddress}: ${parsed.reason}`,
      };
    }
    const remapped = remapIntegrationHeaders(parsed.response.headers);
    const headers = remapped.some(([name]) => name === "content-type") ? remapped : [["content-type", "application/json"] as const, ...remapped];
    headers.push(["x-amzn-trace-id", traceId()]);
    return {
      response: { statusCode: parsed.response.statusCode, headers, body: parsed.response.body },
      answeredBy: `integration AWS_PROXY ${fn?.functionName ?? integration.functionAddress}`,
      authorizer: via,
    };
  }

  private error(error: GatewayError, facts: RequestFacts, authorizer?: AuthorizerFacts): GatewayReply {
    return renderGatewayResponse(error, this.model.gatewayResponses, this.renderInput(facts, authorizer));
  }

  private renderInput(facts: RequestFacts, authorizer?: AuthorizerFacts): RenderInput {
    return {
      request: facts.request,
      pathParameters: facts.pathParameters,
      context: contextValuesOf(facts, authorizer),
      stageVariables: facts.stage.variables,
    };
  }
}

/**
 * A path outside every stage is not served by any deployment, so no gateway response applies: API Gateway
 * answers with its own 403.
 */
function forbiddenOutsideStages(): GatewayReply {
  return {
    response: {
      statusCode: 403,
      headers: [
        ["content-type", "application/json"],
        ["x-amzn-errortype", "ForbiddenException"],
      ],
      body: Buffer.from('{"message":"Forbidden"}', "utf8"),
    },
    answeredBy: "built-in 403 (no such stage)",
  };
}

function withIds(reply: GatewayReply, requestId: string, extendedRequestId: string): GatewayReply {
  return {
    ...reply,
    response: {
      ...reply.response,
      headers: [...reply.response.headers, ["x-amzn-requestid", requestId], ["x-amz-apigw-id", extendedRequestId]],
    },
  };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** An X-Ray trace header, as API Gateway adds to integration responses. */
function traceId(): string {
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${newTraceSuffix()}`;
}
