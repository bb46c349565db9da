import type { AuthorizerFacts, RequestFacts } from "../lambda/lambda-events";
import { newExtendedRequestId, newRequestId } from "../local-ids";
import type { IncomingRequest, RawRequest } from "../parse/incoming-request";
import type { RenderedResponse } from "../render/gateway-response-renderer";
import type { GatewayError } from "../render/response-types";
import type { AuthorizerModel, MethodModel } from "../stack/stack-model";

/** How an authorizer decision was reached, for the request log. */
export type DecisionSource = "identity-source" | "lambda" | "cache";

/** An error API Gateway answers with one of its gateway responses. */
export interface Failure {
  readonly error: GatewayError;
  /** Why, for the request log (never a credential). */
  readonly detail?: string;
}

/** A finished response that needs no gateway response: an integration's, or one of the server's own. */
export interface Answer {
  readonly response: RenderedResponse;
  /** `integration AWS_PROXY Api-backend`, `integration MOCK`, `built-in 403 (no such stage)`… */
  readonly answeredBy: string;
  readonly detail?: string;
  /** An answer of the local server itself (a request API Gateway's edge would refuse): no request ids. */
  readonly local?: boolean;
}

/** The identity-source values of a request, and the authorizer-cache key made of them. */
export interface IdentityValues {
  /** The single value of each source, in order (`undefined` when missing): what the checks look at. */
  readonly values: readonly (string | undefined)[];
  readonly cacheKey: string;
}

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

/**
 * One request on its way through the request path. Each step reads what earlier steps found and adds its
 * own; a step ends the path early by recording a {@link Failure} (answered with a gateway response) or an
 * {@link Answer}.
 */
export class Invocation {
  readonly requestId = newRequestId();
  readonly extendedRequestId = newExtendedRequestId();
  /** Set by the parse step. */
  request: IncomingRequest | undefined;
  /** Set by the route step once a stage and a method match. */
  facts: RequestFacts | undefined;
  method: MethodModel | undefined;
  /** Set by the identity-source step when the method has an authorizer. */
  authorizerModel: AuthorizerModel | undefined;
  identity: IdentityValues | undefined;
  /** Set by the authorize step on an Allow. */
  authorizer: AuthorizerFacts | undefined;
  decidedBy: DecisionSource | undefined;
  failure: Failure | undefined;
  answer: Answer | undefined;
  /** Set by the render step. */
  reply: GatewayReply | undefined;

  constructor(
    readonly raw: RawRequest,
    /** The Host the client used, e.g. `127.0.0.1:3000`. */
    readonly domainName: string,
  ) {}

  fail(error: GatewayError, detail?: string): void {
    this.failure = { error, detail };
  }

  /** Whether a step has already decided the response. */
  get decided(): boolean {
    return this.failure !== undefined || this.answer !== undefined;
  }

  /** The routed request's facts; only steps after routing call this. */
  routed(): RequestFacts {
    if (this.facts === undefined) {
      throw new Error("the request has not been routed");
    }
    return this.facts;
  }
}
