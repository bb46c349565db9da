import { clearCaches } from "@aws-lambda-powertools/parameters";
import * as fc from "fast-check";
import { decide } from "../../lambdas/authorizer/decision";
import { handler, UNAUTHORIZED } from "../../lambdas/authorizer/index";
import { setLogSink } from "../../lambdas/shared/logger";
import { METHOD_ARN } from "../support/authorizer-events";

const CREDENTIAL = "Kq7#secret-credential";
const SETTINGS = { identityHeader: "x-custom-auth", expectedCredential: CREDENTIAL };

/** The identity header in any casing. */
const headerName = fc
  .array(fc.boolean(), { minLength: 13, maxLength: 13 })
  .map((upper) => [..."x-custom-auth"].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));

/** Header values of every shape API Gateway, or a broken caller, could hand over. */
const headerValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constant(CREDENTIAL),
  fc.constant(CREDENTIAL.toUpperCase()),
  fc.constant(` ${CREDENTIAL}`),
  fc.constant(""),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object(),
);

/** Any mix of the identity header (oddly cased, duplicated, multi-valued), noise headers, or garbage. */
const headers = fc.oneof(
  fc.dictionary(fc.oneof(headerName, fc.string()), headerValue, { maxKeys: 6 }),
  fc.constant(null),
  fc.anything(),
);

const event = fc.record(
  {
    type: fc.constant("REQUEST"),
    methodArn: fc.oneof(fc.constant(METHOD_ARN), fc.string(), fc.constant(undefined), fc.integer()),
    headers,
    multiValueHeaders: fc.oneof(fc.dictionary(fc.oneof(headerName, fc.string()), fc.array(headerValue, { maxLength: 3 }), { maxKeys: 4 }), fc.constant(null), fc.anything()),
  },
  { requiredKeys: [] },
);

/** Every value the request presents under the identity header, in any casing or form. */
function presented(e: { headers?: unknown; multiValueHeaders?: unknown }): unknown[] {
  const pick = (bag: unknown): unknown[] =>
    typeof bag === "object" && bag !== null && !Array.isArray(bag)
      ? Object.entries(bag).filter(([k]) => k.toLowerCase() === "x-custom-auth").flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
      : [];
  return [...pick(e.headers), ...pick(e.multiValueHeaders)];
}

describe("the authorizer's decision, for arbitrary events", () => {
  test("never allows unless the exact credential is the only value presented", () => {
    fc.assert(
      fc.property(event, (e) => {
        const outcome = decide(e, SETTINGS);
        if (outcome.decision === "allow") {
          const values = presented(e).filter((v) => v !== null && v !== undefined);
          expect(values.length).toBeGreaterThan(0);
          expect(values.every((v) => v === CREDENTIAL)).toBe(true);
          expect(e.methodArn).toBe(METHOD_ARN);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("only ever yields unauthenticated, or one Allow or Deny statement for execute-api:Invoke", () => {
    fc.assert(
      fc.property(event, (e) => {
        const outcome = decide(e, SETTINGS);
        if (outcome.decision === "unauthenticated") {
          return;
        }
        expect(outcome.result.policyDocument.Statement).toEqual([
          { Action: "execute-api:Invoke", Effect: outcome.decision === "allow" ? "Allow" : "Deny", Resource: expect.any(String) },
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  test("allows any presentation of the exact credential alone, under any casing of the header", () => {
    fc.assert(
      fc.property(headerName, (name) => {
        expect(decide({ methodArn: METHOD_ARN, headers: { [name]: CREDENTIAL } }, SETTINGS).decision).toBe("allow");
      }),
    );
  });

  test("denies every other credential", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s !== CREDENTIAL), (guess) => {
        expect(decide({ methodArn: METHOD_ARN, headers: { "x-custom-auth": guess } }, SETTINGS).decision).toBe("deny");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the authorizer handler, for arbitrary events", () => {
  const savedEnv = { ...process.env };
  let lines: string[] = [];
  let restore: ReturnType<typeof setLogSink>;
  beforeAll(() => {
    clearCaches();
    restore = setLogSink((line) => lines.push(line));
    Object.assign(process.env, { IDENTITY_HEADER: "x-custom-auth", CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: CREDENTIAL });
  });
  afterAll(() => {
    setLogSink(restore);
    process.env = { ...savedEnv };
  });

  test("returns an Allow/Deny policy or throws exactly Unauthorized, and never logs the credential", async () => {
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        lines = [];
        try {
          const result = await handler(e as never);
          expect(["Allow", "Deny"]).toContain((result.policyDocument.Statement[0] as { Effect: string }).Effect);
        } catch (error: unknown) {
          expect(error).toEqual(new Error(UNAUTHORIZED));
        }
        expect(lines.join("\n")).not.toContain(CREDENTIAL);
      }),
      { numRuns: 500 },
    );
  });
});
