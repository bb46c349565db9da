import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { parseSecurityHeaders, SECURITY_HEADERS_ENV } from "../shared/security-headers";
import { greetingResponse } from "./response";

let securityHeaders: Readonly<Record<string, string>> | undefined;

/**
 * The backend behind the authorizer. Its security headers come from its configuration, rendered by the
 * stack from the same policy as the gateway responses; they are parsed once per container.
 */
export async function handler(_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  securityHeaders ??= parseSecurityHeaders(process.env[SECURITY_HEADERS_ENV]);
  return greetingResponse(securityHeaders);
}

/** Forgets the parsed headers, so a test can change the environment. */
export function resetForTests(): void {
  securityHeaders = undefined;
}
