/**
 * What API Gateway makes of an `Authorization` header on a request that matches no method: it reads the
 * header as an AWS Signature Version 4 and, when the header is not one, answers the
 * MISSING_AUTHENTICATION_TOKEN gateway response with `x-amzn-errortype: IncompleteSignatureException` and
 * the parse error as `$context.error.message`, instead of "Missing Authentication Token".
 *
 * The rules and messages are AWS's as recorded (AWS-validated) in LocalStack's
 * `TestIAMAuthorization::test_iam_authorization_missing_token` (pypi-data/pypi-mirror-298
 * packages/localstack-ext/localstack_ext-3.7.3.dev55.tar.gz/localstack_ext-3.7.3.dev55/tests/aws/services/apigateway/test_rest_apis.snapshot.json,
 * recorded 23-07-2024):
 *
 * | `Authorization` | message |
 * |---|---|
 * | `Bearer invalid-token` | `'invalid-token' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer invalid-token'.` |
 * | `invalid-token bla=test` | `Authorization header requires 'Credential' parameter. … 'Date' header. Authorization=invalid-token bla=test` |
 * | `Signature=random` | `Authorization header must begin with the algorithm name, which cannot include an equal-sign: 'Signature=random'` |
 * | `AWS4-HMAC-SHA256 Credential=…` | `Authorization header requires 'Signature' parameter. … Authorization=AWS4-HMAC-SHA256 Credential=…` |
 *
 * The word before the first space is the algorithm (not checked: `Bearer` gets the same treatment as
 * `AWS4-HMAC-SHA256`); the rest is comma-separated `key=value` parameters.
 */

const REQUIRED = [
  ["Credential", "Authorization header requires 'Credential' parameter."],
  ["Signature", "Authorization header requires 'Signature' parameter."],
  ["SignedHeaders", "Authorization header requires 'SignedHeaders' parameter."],
] as const;
const DATE_REQUIRED = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

/** The header values the check reads. */
export interface SignatureHeaders {
  /** The `Authorization` header, if sent. */
  readonly authorization: string | undefined;
  /** Whether the request carries an `X-Amz-Date` or a `Date` header. */
  readonly hasDate: boolean;
}

/**
 * The IncompleteSignatureException message for an `Authorization` header that is not a complete SigV4
 * signature.
 *
 * @returns `undefined` when there is no (or an empty) header — plain "Missing Authentication Token" — and
 *   when the header has every part a signature needs: what AWS answers then (it would check the signature
 *   itself) is not recorded publicly, so such a request keeps "Missing Authentication Token".
 */
export function incompleteSignatureMessage(headers: SignatureHeaders): string | undefined {
  const header = headers.authorization?.trim();
  if (header === undefined || header === "") {
    return undefined;
  }
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm.includes("=")) {
    return `Authorization header must begin with the algorithm name, which cannot include an equal-sign: '${algorithm}'`;
  }
  const keys = new Set<string>();
  for (const untrimmed of space < 0 ? [] : header.slice(space + 1).split(",")) {
    const parameter = untrimmed.trim();
    if (parameter === "") {
      continue;
    }
    const equals = parameter.indexOf("=");
    if (equals < 0) {
      return `'${parameter}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`;
    }
    keys.add(parameter.slice(0, equals));
  }
  const missing: string[] = REQUIRED.filter(([key]) => !keys.has(key)).map(([, message]) => message);
  if (!headers.hasDate) {
    missing.push(DATE_REQUIRED);
  }
  return missing.length === 0 ? undefined : `${missing.join(" ")} Authorization=${header}`;
}
