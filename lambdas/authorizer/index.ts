import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from "aws-lambda";
import { log } from "../shared/logger";
import { Decision, decide, DENIED_PRINCIPAL } from "./decision";
import { expectedCredential } from "./expected-credential";
import { readSettings } from "./settings";

/**
 * The exact error message API Gateway turns into 401 UNAUTHORIZED; any other error becomes a 500.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-lambda-authorizer-output.html
 */
export const UNAUTHORIZED = "Unauthorized";

/**
 * The Lambda REQUEST authorizer: a thin adapter around {@link decide}.
 *
 * Fails closed: a missing setting, an unreadable credential parameter or any unexpected error is logged
 * and answered with `Unauthorized` (401) — never Allow, never a 500 with a stack trace.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEvent,
  context?: Pick<Context, "awsRequestId">,
): Promise<APIGatewayAuthorizerResult> {
  const ids = {
    requestId: context?.awsRequestId,
    apiRequestId: typeof event?.requestContext?.requestId === "string" ? event.requestContext.requestId : undefined,
  };
  let outcome: Decision;
  try {
    const settings = readSettings(process.env);
    outcome = decide(event, {
      identityHeader: settings.identityHeader,
      expectedCredential: await expectedCredential(settings.credential),
    });
  } catch (error: unknown) {
    log({
      level: "error",
      message: "authorizer failed; answering Unauthorized",
      decision: "unauthenticated",
      errorName: error instanceof Error ? error.name : typeof error,
      ...ids,
    });
    throw new Error(UNAUTHORIZED);
  }
  log({
    level: "info",
    message: "authorizer decision",
    decision: outcome.decision,
    reason: outcome.reason,
    principalId: outcome.decision === "unauthenticated" ? DENIED_PRINCIPAL : outcome.result.principalId,
    ...ids,
  });
  if (outcome.decision === "unauthenticated") {
    throw new Error(UNAUTHORIZED);
  }
  return outcome.result;
}
