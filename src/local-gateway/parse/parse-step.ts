import type { Step } from "../pipeline/step";
import { MalformedRequestError, parseIncomingRequest } from "./incoming-request";

/**
 * Parse: the raw HTTP request into the gateway's view of it. A target that is not a path, or a path with
 * invalid percent-encoding, is refused here with 400 (API Gateway's edge refuses such requests itself).
 */
export const parseStep: Step = {
  name: "parse",
  run(invocation) {
    try {
      invocation.request = parseIncomingRequest(invocation.raw);
    } catch (error: unknown) {
      if (!(error instanceof MalformedRequestError)) {
        throw error;
      }
      invocation.answer = {
        response: {
          statusCode: 400,
          headers: [["content-type", "application/json"]],
          body: Buffer.from(JSON.stringify({ message: `Bad Request: ${error.message}` }), "utf8"),
        },
        answeredBy: "malformed request",
        local: true,
      };
    }
  },
};
