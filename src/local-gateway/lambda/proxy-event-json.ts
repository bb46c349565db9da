import { requestTimeText } from "../render/request-context";
import { contextPathOf, eventPathOf } from "../route/request-path";
import type { ResourceModel, StageModel } from "../stack/stack-model";
import { AuthorizerFacts, domainPrefixOf, eventHeaders, proxyBody, RequestFacts } from "./lambda-events";

/**
 * The proxy event of {@link proxyEvent} written straight to JSON text: what the function receives is the
 * same (`JSON.parse` of either gives equal events, key order included; a property test holds them to it),
 * without building the event as objects first and serialising them after.
 *
 * Why: on the 200 path the event is the gateway's largest piece of work of its own (`JSON.stringify` of the
 * built event was 10 µs of the main thread per request in a CPU profile under load, building it 5.6).
 * About half of its text is the same on every request to one resource of one stage (the resource, stage
 * variables, account, API, deployment, the identity's fixed `null`s): that is written once and reused, and
 * only the request's own values are written, most without an escape to make. The example's event: 4.0 µs
 * against 7.0 in a loop; in the server, 87.7 µs of the main thread per request against 92.0
 * (`npm run bench:gateway-ab`, docs/local-gateway.md, Speed).
 */
export function proxyEventJson(facts: RequestFacts, binaryMediaTypes: readonly string[], authorizer?: AuthorizerFacts): string {
  const { request } = facts;
  const fixed = fixedPartsOf(facts);
  let headers = "";
  let multiValueHeaders = "";
  for (const { key, values } of eventHeaders(facts, true)) {
    const name = quote(key);
    headers += `${headers === "" ? "" : ","}${name}:${quote(values[values.length - 1])}`;
    multiValueHeaders += `${multiValueHeaders === "" ? "" : ","}${name}:${quoteList(values)}`;
  }
  let query = "null";
  let multiValueQuery = "null";
  if (request.query.size > 0) {
    query = "";
    multiValueQuery = "";
    for (const [name, values] of request.query) {
      const key = quote(name);
      query += `${query === "" ? "{" : ","}${key}:${quote(values[values.length - 1])}`;
      multiValueQuery += `${multiValueQuery === "" ? "{" : ","}${key}:${quoteList(values)}`;
    }
    query += "}";
    multiValueQuery += "}";
  }
  const { body, isBase64Encoded } = proxyBody(facts, binaryMediaTypes);
  return (
    `${fixed.beforePath}${quote(eventPathOf(request.rawPath))}` +
    `,"httpMethod":${quote(request.method)}` +
    `,"headers":{${headers}},"multiValueHeaders":{${multiValueHeaders}}` +
    `,"queryStringParameters":${query},"multiValueQueryStringParameters":${multiValueQuery}` +
    `,"pathParameters":${stringMapJson(facts.pathParameters)}` +
    `${fixed.beforeDomainName}${quote(facts.domainName)}` +
    `,"domainPrefix":${quote(domainPrefixOf(facts.domainName))}` +
    `,"extendedRequestId":${quote(facts.extendedRequestId)}` +
    `,"httpMethod":${quote(request.method)}` +
    `${IDENTITY_BEFORE_SOURCE_IP}${quote(request.sourceIp)}` +
    `,"user":null,"userAgent":${nullableQuote(request.header("user-agent"))},"userArn":null}` +
    `,"path":${quote(contextPathOf(request.rawPath))}` +
    `,"protocol":${quote(request.protocol)}` +
    `,"requestId":${quote(facts.requestId)}` +
    `,"requestTime":${quote(requestTimeText(request.receivedAt))}` +
    `,"requestTimeEpoch":${JSON.stringify(request.receivedAt)}` +
    `${fixed.afterRequestTime}${authorizer === undefined ? "" : `,"authorizer":${authorizerJson(authorizer)}`}}` +
    `,"body":${nullableQuote(body)},"isBase64Encoded":${isBase64Encoded ? "true" : "false"}}`
  );
}

/** The identity's fields before `sourceIp`, which API Gateway sends as `null` for a Lambda-authorized request. */
const IDENTITY_BEFORE_SOURCE_IP =
  ',"identity":{"accessKey":null,"accountId":null,"caller":null,"cognitoAuthenticationProvider":null,"cognitoAuthenticationType":null,"cognitoIdentityId":null,"cognitoIdentityPoolId":null,"principalOrgId":null,"sourceIp":';

/** The event's text that is the same for every request to one resource of one stage of one API. */
interface FixedParts {
  readonly accountId: string;
  readonly apiId: string;
  /** `{"resource":…,"path":` */
  readonly beforePath: string;
  /** `,"stageVariables":…,"requestContext":{"accountId":…,"apiId":…,"deploymentId":…,"domainName":` */
  readonly beforeDomainName: string;
  /** `,"resourceId":…,"resourcePath":…,"stage":…` */
  readonly afterRequestTime: string;
}

const FIXED_PARTS = new WeakMap<StageModel, WeakMap<ResourceModel, FixedParts>>();

function fixedPartsOf(facts: RequestFacts): FixedParts {
  let byResource = FIXED_PARTS.get(facts.stage);
  if (byResource === undefined) {
    byResource = new WeakMap();
    FIXED_PARTS.set(facts.stage, byResource);
  }
  let fixed = byResource.get(facts.resource);
  // The account and API are the model's, the same for all its requests; checked rather than assumed.
  if (fixed === undefined || fixed.accountId !== facts.accountId || fixed.apiId !== facts.apiId) {
    fixed = {
      accountId: facts.accountId,
      apiId: facts.apiId,
      beforePath: `{"resource":${JSON.stringify(facts.resource.path)},"path":`,
      beforeDomainName:
        `,"stageVariables":${stringMapJson(facts.stage.variables)}` +
        `,"requestContext":{"accountId":${JSON.stringify(facts.accountId)},"apiId":${JSON.stringify(facts.apiId)}` +
        `,"deploymentId":${JSON.stringify(facts.stage.deploymentId)},"domainName":`,
      afterRequestTime: `,"resourceId":${JSON.stringify(facts.resource.address)},"resourcePath":${JSON.stringify(facts.resource.path)},"stage":${JSON.stringify(facts.stage.name)}`,
    };
    byResource.set(facts.resource, fixed);
  }
  return fixed;
}

/** A map of names to strings as a JSON object, `null` when empty (as the proxy event gives an absent map). */
function stringMapJson(map: Readonly<Record<string, string>>): string {
  let json = "";
  for (const key of Object.keys(map)) {
    json += `${json === "" ? "{" : ","}${quote(key)}:${quote(map[key])}`;
  }
  return json === "" ? "null" : `${json}}`;
}

/** `requestContext.authorizer`: REST APIs hand the authorizer's context on with every value as a string. */
function authorizerJson(authorizer: AuthorizerFacts): string {
  let json = `{"principalId":${quote(authorizer.principalId)},"integrationLatency":${JSON.stringify(authorizer.integrationLatency)}`;
  for (const key of Object.keys(authorizer.context)) {
    json += `,${quote(key)}:${quote(String(authorizer.context[key]))}`;
  }
  return `${json}}`;
}

/** What JSON escapes in a string: `"`, `\\`, control characters and lone surrogates (ES2019's well-formed `JSON.stringify`). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string as JSON text, as `JSON.stringify` writes it. Most of an event's strings need no escape, and
 * testing for one costs about half of `JSON.stringify`'s call (60 against 94 ns for a request id, in a loop).
 */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** A list of strings as JSON text. */
function quoteList(texts: readonly string[]): string {
  let json = "";
  for (const text of texts) {
    json += `${json === "" ? "[" : ","}${quote(text)}`;
  }
  return json === "" ? "[]" : `${json}]`;
}

/** {@link quote}, or `null` for a value that is absent. */
function nullableQuote(text: string | null | undefined): string {
  return text === undefined || text === null ? "null" : quote(text);
}
