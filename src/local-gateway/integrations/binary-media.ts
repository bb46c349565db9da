import { wildcardMatch } from "../authorizer/iam-policy";

/**
 * Whether API Gateway decodes a proxy result's base64 body before sending it: only for
 * `isBase64Encoded: true` when the first media type of the client's `Accept` header matches one of the API's
 * binary media types (`*` wildcards, e.g. `*\/*`); otherwise the client receives the base64 text.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/lambda-proxy-binary-media.html
 *   ("API Gateway uses the first Accept header from clients to determine if a response should return
 *   binary media")
 */
export function sendsBinary(isBase64Encoded: boolean, accept: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!isBase64Encoded || binaryMediaTypes.length === 0 || accept === undefined) {
    return false;
  }
  const first = accept.split(",")[0].split(";")[0].trim().toLowerCase();
  return first !== "" && binaryMediaTypes.some((pattern) => wildcardMatch(pattern.toLowerCase(), first));
}
