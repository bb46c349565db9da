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

/**
 * A request as the client sends it: header lines in order, the identity header possibly repeated, in any
 * casing, with the right credential, another caller's wrong one, an empty value, between noise headers.
 */
type HeaderLine = readonly [name: string, value: string];
const identityValue = fc.oneof(
  fc.constant(CREDENTIAL),
  fc.constant(""),
  fc.constant(`${CREDENTIAL},${CREDENTIAL}`),
  fc.string({ minLength: 1, maxLength: 30 }).filter((v) => v !== CREDENTIAL),
);
const identityLine = fc.tuple(headerName, identityValue);
const noiseLine = fc.tuple(fc.constantFrom("Accept", "user-agent", "X-Forwarded-For", "x-custom-auth-2"), fc.string({ maxLength: 20 }));
const headerLines = fc.array(fc.oneof({ weight: 3, arbitrary: identityLine }, { weight: 1, arbitrary: noiseLine }), { minLength: 1, maxLength: 6 });

/** The identity header's values, in the order sent. */
const identityValues = (lines: readonly HeaderLine[]): string[] => lines.filter(([name]) => name.toLowerCase() === "x-custom-auth").map(([, value]) => value);

/**
 * The REST event API Gateway builds from the lines: `headers` the single-value view (the last value),
 * `multiValueHeaders` every value in order. How it spells a header repeated in two casings is not
 * documented, so both are tried: one key per spelling sent, or one key per header (its first spelling).
 */
function restEvent(lines: readonly HeaderLine[], mergeCasings: boolean): Record<string, unknown> {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const keyOf = new Map<string, string>();
  for (const [name, value] of lines) {
    const key = mergeCasings ? (keyOf.get(name.toLowerCase()) ?? name) : name;
    keyOf.set(name.toLowerCase(), key);
    headers[key] = value;
    (multiValueHeaders[key] ??= []).push(value);
  }
  return { type: "REQUEST", methodArn: METHOD_ARN, headers, multiValueHeaders };
}

/** The values API Gateway may key its cache on: AWS shows the last one by example; the first is tried too. */
const candidateKeys = (lines: readonly HeaderLine[]): string[] => {
  const values = identityValues(lines);
  return values.length === 0 ? [] : [values[0], values[values.length - 1]];
};

describe("the authorizer and API Gateway's decision cache, for repeated and conflicting identity headers", () => {
  test("never decides Allow or Deny unless that is the decision for the value the cache keys it under", () => {
    fc.assert(
      fc.property(headerLines, fc.boolean(), (lines, mergeCasings) => {
        const outcome = decide(restEvent(lines, mergeCasings), SETTINGS);
        if (outcome.decision === "unauthenticated") {
          return;
        }
        for (const key of candidateKeys(lines)) {
          expect(decide({ methodArn: METHOD_ARN, headers: { "x-custom-auth": key } }, SETTINGS).decision).toBe(outcome.decision);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("never stores an Allow under a value that is not the credential, nor a Deny under the credential", () => {
    fc.assert(
      fc.property(headerLines, fc.boolean(), (lines, mergeCasings) => {
        const outcome = decide(restEvent(lines, mergeCasings), SETTINGS);
        for (const key of candidateKeys(lines)) {
          if (outcome.decision === "allow") {
            expect(key).toBe(CREDENTIAL);
          }
          if (outcome.decision === "deny") {
            expect(key).not.toBe(CREDENTIAL);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("whatever other callers send first, in any order, the credential's holder is allowed and nobody else is, through the cache", () => {
    fc.assert(
      fc.property(fc.array(headerLines, { maxLength: 8 }), fc.nat(8), fc.boolean(), fc.boolean(), (others, at, mergeCasings, keyOnFirst) => {
        const holder: HeaderLine[] = [["X-Custom-Auth", CREDENTIAL]];
        const requests = [...others.slice(0, at), holder, ...others.slice(at)];
        const cache = new Map<string, "allow" | "deny">();
        for (const lines of requests) {
          const values = identityValues(lines);
          const key = keyOnFirst ? values[0] : values[values.length - 1];
          if (key === undefined || key === "") {
            continue; // API Gateway answers 401 itself, without the Lambda and without caching
          }
          let served = cache.get(key);
          if (served === undefined) {
            const outcome = decide(restEvent(lines, mergeCasings), SETTINGS);
            if (outcome.decision !== "unauthenticated") {
              cache.set(key, outcome.decision);
              served = outcome.decision;
            }
          }
          if (lines === holder) {
            expect(served).toBe("allow");
          }
          if (served === "allow") {
            expect(key).toBe(CREDENTIAL);
          }
        }
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
