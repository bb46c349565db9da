/**
 * The paths API Gateway reports for a request, as recorded against AWS in LocalStack's AWS-validated
 * `test_lambda_aws_proxy_integration` (localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json, recorded 02-08-2024):
 *
 * | request path | `requestContext.path` | `path` | `{proxy+}` |
 * |---|---|---|---|
 * | `/stage/proxy-value/` | `/stage/proxy-value/` | `/proxy-value/` | `proxy-value` |
 * | `/stage/proxy-value//double-slash` | `/stage/proxy-value//double-slash` | `/proxy-value//double-slash` | `proxy-value//double-slash` |
 * | `//stage/proxy-value` | `/stage/proxy-value` | `/proxy-value` | `proxy-value` |
 * | `/stage//proxy-value` | `/stage//proxy-value` | `/proxy-value` | `proxy-value` |
 * | `/stage//hardcoded` | `/stage//hardcoded` | `/hardcoded` (resource `/hardcoded`) | — |
 *
 * So slashes at the start of the path, and at the start of the part after the stage, count as one; every
 * other slash is kept as sent, and percent-encoding is never undone (`test%2Balias` stays).
 */

/** `requestContext.path` and `$context.path`: the path as sent, leading slashes counted once. */
export function contextPathOf(rawPath: string): string {
  return `/${rawPath.replace(/^\/+/, "")}`;
}

/** The event's `path`: the part after the stage, its leading slashes counted once. `/` for the stage itself. */
export function eventPathOf(rawPath: string): string {
  const afterStage = contextPathOf(rawPath).replace(/^\/[^/]*/, "");
  return `/${afterStage.replace(/^\/+/, "")}`;
}

/**
 * The raw segments that routing reads, from an event path: trailing slashes are ignored, as AWS routes
 * `/proxy-value/` to `{proxy+}` = `proxy-value`; an empty segment inside the path is kept, so that a
 * `{proxy+}` value holds `//` as sent.
 */
export function routeSegmentsOf(eventPath: string): string[] {
  const trimmed = eventPath.replace(/\/+$/, "");
  return trimmed === "" ? [] : trimmed.slice(1).split("/");
}
