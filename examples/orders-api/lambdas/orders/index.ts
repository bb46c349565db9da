import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

/** The environment variable through which the stack hands the function the API's security headers. */
export const SECURITY_HEADERS_ENV = "SECURITY_HEADERS";

/**
 * The orders backend behind every authorized route: it answers with which route it served and for whom
 * (the tenant or subject its authorizer put in the context), and with the same security headers as the
 * gateway's own responses.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = `${event.httpMethod} ${event.resource}`;
  const authorizer = event.requestContext.authorizer ?? {};
  const caller = typeof authorizer.tenant === "string" ? `tenant:${authorizer.tenant}` : typeof authorizer.subject === "string" ? `user:${authorizer.subject}` : "anonymous";
  const id = event.pathParameters?.id;
  switch (route) {
    case "GET /orders":
      return reply(200, { route, caller, orders: [] });
    case "POST /orders":
      return reply(201, { route, caller, id: "new" });
    case "GET /orders/{id}":
    case "DELETE /orders/{id}":
      return reply(200, { route, caller, id });
    case "GET /orders/{id}/items":
    case "PUT /orders/{id}/items":
      return reply(200, { route, caller, id, items: [] });
    default:
      return reply(404, { message: `no handler for ${route}` });
  }
}

function reply(statusCode: number, body: Record<string, unknown>): APIGatewayProxyResult {
  const json = process.env[SECURITY_HEADERS_ENV];
  // A backend that cannot send the headers fails: API Gateway then answers 502 through DEFAULT_5XX, with them.
  if (json === undefined || json === "") {
    throw new Error(`${SECURITY_HEADERS_ENV} is not set`);
  }
  const headers = JSON.parse(json) as Record<string, string>;
  return { statusCode, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) };
}
