import type { IncomingRequest } from "../parse/incoming-request";
import { ContextValues, requestTimeText } from "../render/request-context";
import type { ResourceModel, StageModel } from "../stack/stack-model";
import { wildcardMatch } from "../authorizer/iam-policy";
import { contextPathOf, eventPathOf } from "../route/request-path";

/** Everything known about a routed request before any Lambda runs. */
export interface RequestFacts {
  readonly request: IncomingRequest;
  readonly stage: StageModel;
  readonly resource: ResourceModel;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly apiId: string;
  readonly accountId: string;
  /** The Host the client used, e.g. `127.0.0.1:3000`. */
  readonly domainName: string;
  /** The request's X-Ray trace header (the client's, continued, or a new one). */
  readonly traceId: string;
}

/** What an Allow passes on to the integration. */
export interface AuthorizerFacts {
  readonly principalId: string;
  readonly context: Readonly<Record<string, string | number | boolean>>;
  /** How long the authorizer took, in ms (0 when the decision came from the cache). */
  readonly integrationLatency: number;
}

/** `$context.domainPrefix`: the first label of the Host, without a port. */
export function domainPrefixOf(domainName: string): string {
  return domainName.split(".")[0].split(":")[0];
}

/** `requestContext` of REST API events (v1 payload). */
export function requestContextOf(facts: RequestFacts, authorizer?: AuthorizerFacts): Record<string, unknown> {
  const { request } = facts;
  const context: Record<string, unknown> = {
    accountId: facts.accountId,
    apiId: facts.apiId,
    deploymentId: facts.stage.deploymentId,
    domainName: facts.domainName,
    domainPrefix: domainPrefixOf(facts.domainName),
    extendedRequestId: facts.extendedRequestId,
    httpMethod: request.method,
    identity: {
      accessKey: null,
      accountId: null,
      caller: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: request.sourceIp,
      user: null,
      userAgent: request.header("user-agent") ?? null,
      userArn: null,
    },
    path: contextPathOf(request.rawPath),
    protocol: request.protocol,
    requestId: facts.requestId,
    requestTime: requestTimeText(request.receivedAt),
    requestTimeEpoch: request.receivedAt,
    resourceId: facts.resource.address,
    resourcePath: facts.resource.path,
    stage: facts.stage.name,
  };
  if (authorizer !== undefined) {
    // REST APIs hand the authorizer's context to the integration with every value as a string.
    const values: Record<string, unknown> = { principalId: authorizer.principalId, integrationLatency: authorizer.integrationLatency };
    for (const [key, value] of Object.entries(authorizer.context)) {
      setData(values, key, String(value));
    }
    context.authorizer = values;
  }
  return context;
}

/**
 * The `$context` variables of the request, for templates and header mappings; built on first read, since
 * most requests (static templates, header identity sources) never read one.
 */
export function contextValuesOf(facts: RequestFacts, authorizer?: AuthorizerFacts): ContextValues {
  return new LazyContextValues(facts, authorizer);
}

class LazyContextValues implements ContextValues {
  private values: ReadonlyMap<string, string> | undefined;

  constructor(
    private readonly facts: RequestFacts,
    private readonly authorizer: AuthorizerFacts | undefined,
  ) {}

  get(name: string): string | undefined {
    this.values ??= buildContextValues(this.facts, this.authorizer);
    return this.values.get(name);
  }
}

function buildContextValues(facts: RequestFacts, authorizer?: AuthorizerFacts): ReadonlyMap<string, string> {
  const { request } = facts;
  const values = new Map<string, string>([
    ["accountId", facts.accountId],
    ["apiId", facts.apiId],
    ["domainName", facts.domainName],
    ["domainPrefix", domainPrefixOf(facts.domainName)],
    ["extendedRequestId", facts.extendedRequestId],
    ["httpMethod", request.method],
    ["path", contextPathOf(request.rawPath)],
    ["protocol", request.protocol],
    ["requestId", facts.requestId],
    ["requestTime", requestTimeText(request.receivedAt)],
    ["requestTimeEpoch", String(request.receivedAt)],
    ["resourceId", facts.resource.address],
    ["resourcePath", facts.resource.path],
    ["stage", facts.stage.name],
    ["identity.sourceIp", request.sourceIp],
    ["identity.userAgent", request.header("user-agent") ?? ""],
  ]);
  if (authorizer !== undefined) {
    values.set("authorizer.principalId", authorizer.principalId);
    for (const [key, value] of Object.entries(authorizer.context)) {
      values.set(`authorizer.${key}`, String(value));
    }
  }
  return values;
}

// What a Lambda proxy integration receives differently from the client's headers: these names arrive
// capitalised, and these headers not at all (LocalStack's AWS-validated AWS_PROXY integration,
// localstack/localstack …/next_gen/execute_api/integrations/aws.py, `_format_headers`).
const CAPITALISED_FOR_INTEGRATION = new Map([
  ["authorization", "Authorization"],
  ["user-agent", "User-Agent"],
]);
const DROPPED_FOR_INTEGRATION = new Set(["content-length", "connection"]);

/** What {@link requestParts} returns. */
interface RequestParts {
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly headers: Record<string, string>;
  readonly multiValueHeaders: Record<string, string[]>;
  readonly queryStringParameters: Record<string, string> | null;
  readonly multiValueQueryStringParameters: Record<string, string[]> | null;
  readonly pathParameters: Record<string, string> | null;
  readonly stageVariables: Record<string, string> | null;
}

/** One header of an event: the spelling it is keyed by and its values in order. */
export interface EventHeader {
  readonly key: string;
  readonly values: string[];
}

/**
 * The headers of an event, in order: the client's, with those API Gateway's front end adds:
 * `X-Forwarded-For` (the client's chain, then its address), `X-Forwarded-Port`, `X-Forwarded-Proto` and
 * `X-Amzn-Trace-Id`, as in AWS's example events
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 * `headers` holds each one's last value, `multiValueHeaders` all of them.
 */
export function eventHeaders(facts: RequestFacts, forIntegration: boolean): Iterable<EventHeader> {
  const { request } = facts;
  // A header repeated in different casings is one header (RFC 9110 §5.1): it is keyed by the first spelling
  // sent, `headers` holds its last value (the one identity sources read) and `multiValueHeaders` every value.
  // Collected by lower-case name first, then each map is made in one go: on every request, so no closures
  // and no deletes (a delete turns a V8 object into a slow dictionary).
  const byName = new Map<string, EventHeader>();
  for (const [name, value] of request.headerList) {
    const lower = name.toLowerCase();
    if (forIntegration && DROPPED_FOR_INTEGRATION.has(lower)) {
      continue;
    }
    const header = byName.get(lower);
    if (header === undefined) {
      byName.set(lower, { key: forIntegration ? (CAPITALISED_FOR_INTEGRATION.get(lower) ?? name) : name, values: [value] });
    } else {
      header.values.push(value);
    }
  }
  // The headers the front end sets replace any the client sent under those names, and come last.
  const forwardedFor = request.header("x-forwarded-for");
  const added: readonly (readonly [string, string])[] = [
    ["X-Forwarded-For", forwardedFor === undefined || forwardedFor === "" ? request.sourceIp : `${forwardedFor}, ${request.sourceIp}`],
    ["X-Forwarded-Port", String(request.port)],
    ["X-Forwarded-Proto", request.scheme],
    ["X-Amzn-Trace-Id", facts.traceId],
  ];
  for (const [name, value] of added) {
    const lower = name.toLowerCase();
    byName.delete(lower);
    byName.set(lower, { key: name, values: [value] });
  }
  return byName.values();
}

/** The parts REQUEST authorizer events and proxy events share. */
function requestParts(facts: RequestFacts, forIntegration: boolean): RequestParts {
  const { request } = facts;
  const headerEntries: [string, string][] = [];
  const multiValueHeaderEntries: [string, string[]][] = [];
  for (const { key, values } of eventHeaders(facts, forIntegration)) {
    headerEntries.push([key, values[values.length - 1]]);
    multiValueHeaderEntries.push([key, values]);
  }
  let query: Record<string, string> | null = null;
  let multiValueQuery: Record<string, string[]> | null = null;
  if (request.query.size > 0) {
    const entries: [string, string][] = [];
    const multiValueEntries: [string, string[]][] = [];
    for (const [name, values] of request.query) {
      entries.push([name, values[values.length - 1]]);
      multiValueEntries.push([name, [...values]]);
    }
    query = dataObject(entries);
    multiValueQuery = dataObject(multiValueEntries);
  }
  return {
    resource: facts.resource.path,
    path: eventPathOf(request.rawPath),
    httpMethod: request.method,
    headers: dataObject(headerEntries),
    multiValueHeaders: dataObject(multiValueHeaderEntries),
    queryStringParameters: query,
    multiValueQueryStringParameters: multiValueQuery,
    pathParameters: Object.keys(facts.pathParameters).length > 0 ? dataObject(Object.entries(facts.pathParameters)) : null,
    stageVariables: Object.keys(facts.stage.variables).length > 0 ? dataObject(Object.entries(facts.stage.variables)) : null,
  };
}

/**
 * The event of a REQUEST authorizer. Unlike the proxy event, whose absent maps are `null`, it gives `{}` for
 * each absent map — query string (single and multi-value), path parameters and stage variables — and has
 * no `body`, as in an event recorded from AWS (aws-powertools/powertools-lambda-typescript
 * packages/parser/tests/events/apigw-rest/authorizer-request.json, eu-west-1, 2024-06-17).
 */
export function requestAuthorizerEvent(facts: RequestFacts, methodArn: string): Record<string, unknown> {
  const parts = requestParts(facts, false);
  return {
    type: "REQUEST",
    methodArn,
    resource: parts.resource,
    path: parts.path,
    httpMethod: parts.httpMethod,
    headers: parts.headers,
    multiValueHeaders: parts.multiValueHeaders,
    queryStringParameters: parts.queryStringParameters ?? dataObject([]),
    multiValueQueryStringParameters: parts.multiValueQueryStringParameters ?? dataObject([]),
    pathParameters: parts.pathParameters ?? dataObject([]),
    stageVariables: parts.stageVariables ?? dataObject([]),
    requestContext: requestContextOf(facts),
  };
}

/**
 * The event of a TOKEN authorizer: exactly `type`, `methodArn` and `authorizationToken`, as recorded from AWS
 * (aws-powertools/powertools-lambda-typescript packages/parser/tests/events/apigw-rest/authorizer-token.json).
 */
export function tokenAuthorizerEvent(token: string, methodArn: string): Record<string, unknown> {
  return { type: "TOKEN", authorizationToken: token, methodArn };
}

/**
 * The event of a Lambda proxy integration (REST, payload format 1.0), as objects: the readable form of the
 * event. The gateway sends proxyEventJson's text (proxy-event-json.ts), which a property test holds to this.
 */
export function proxyEvent(facts: RequestFacts, binaryMediaTypes: readonly string[], authorizer?: AuthorizerFacts): Record<string, unknown> {
  const parts = requestParts(facts, true);
  const { body, isBase64Encoded } = proxyBody(facts, binaryMediaTypes);
  return {
    resource: parts.resource,
    path: parts.path,
    httpMethod: parts.httpMethod,
    headers: parts.headers,
    multiValueHeaders: parts.multiValueHeaders,
    queryStringParameters: parts.queryStringParameters,
    multiValueQueryStringParameters: parts.multiValueQueryStringParameters,
    pathParameters: parts.pathParameters,
    stageVariables: parts.stageVariables,
    requestContext: requestContextOf(facts, authorizer),
    body,
    isBase64Encoded,
  };
}

/** A proxy event's body: base64 when the API declares the request's media type binary, else UTF-8 text. */
export function proxyBody(facts: RequestFacts, binaryMediaTypes: readonly string[]): { readonly body: string | null; readonly isBase64Encoded: boolean } {
  const { request } = facts;
  if (request.body.length === 0) {
    return { body: null, isBase64Encoded: false };
  }
  const contentType = (request.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const binary = contentType !== "" && binaryMediaTypes.some((pattern) => wildcardMatch(pattern.toLowerCase(), contentType));
  return { body: binary ? request.body.toString("base64") : request.body.toString("utf8"), isBase64Encoded: binary };
}

/**
 * A map of the request's names to values as an object whose every key is its own data property: a header or
 * parameter named `__proto__` is data like any other (defined, not assigned: assigning it would set the
 * object's prototype). A plain object filled in order is V8's fastest to build and to serialise.
 */
function dataObject<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const object: Record<string, T> = {};
  for (const [key, value] of entries) {
    setData(object, key, value);
  }
  return object;
}

/** Sets `object[key]` as its own data property, `__proto__` included. */
function setData<T>(object: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}
