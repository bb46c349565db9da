import { requestEvent } from "../../support/authorizer-events";
import { BACKSTOP_MS, loadAuthorizer, misbehavingSsmPerTest } from "./support/fake-ssm";

/**
 * The read deadline: the one bound on an SSM response whose body trickles in, which no SDK timer covers.
 * Its own file (the other SSM failures are in ssm-failure.test.ts) so that the two waits run side by side
 * in jest's workers. The outcome is asserted, never the time it took (ssm-budget.test.ts checks the
 * deadline against the function's timeout); jest's timeout is only a backstop.
 */
jest.setTimeout(60_000);

describe("the authorizer when SSM's answer never finishes", () => {
  const ssm = misbehavingSsmPerTest();

  test(
    "answers 401 when SSM sends its headers and then trickles the body, which only the read deadline stops",
    async () => {
      const server = await ssm.start("trickle");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
      expect(JSON.parse(authorizer.lines[0])).toMatchObject({ decision: "unauthenticated", errorName: "DeadlineExceededError" });
    },
    BACKSTOP_MS,
  );
});
