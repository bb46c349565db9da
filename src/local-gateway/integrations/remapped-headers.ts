/**
 * Response headers of an integration that API Gateway (REST) does not pass through as they are: it sends
 * them as `x-amzn-Remapped-<name>` instead. Remapping them here also keeps a backend's `Connection` or
 * `Transfer-Encoding` from corrupting the local connection's framing.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 */
const REMAPPED = new Set([
  "authorization",
  "connection",
  "content-md5",
  "date",
  "expect",
  "host",
  "max-forwards",
  "proxy-authenticate",
  "server",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "www-authenticate",
]);

/**
 * The headers as the client receives them: remapped ones renamed, `content-length` left out (the gateway
 * sets it from the body it sends). Names are lower case.
 */
export function remapIntegrationHeaders(headers: readonly (readonly [string, string])[]): [string, string][] {
  const result: [string, string][] = [];
  for (const [name, value] of headers) {
    if (name === "content-length") {
      continue;
    }
    result.push([REMAPPED.has(name) ? `x-amzn-remapped-${name}` : name, value]);
  }
  return result;
}
