import type { APIGatewayProxyResult } from "aws-lambda";

/** The body of the protected method. */
export const GREETING = "Hello, World!";

/** The proxy result for an authorized request: the greeting, with the stack's security headers. */
export function greetingResponse(securityHeaders: Readonly<Record<string, string>>): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: { ...securityHeaders, "Content-Type": "text/plain; charset=utf-8" },
    body: GREETING,
  };
}
