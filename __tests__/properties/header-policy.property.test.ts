import * as fc from "fast-check";
import { loadAppConfig } from "../../src/app/app-config";
import { ConfigError } from "../../src/validation/config-error";
import { readStaticValue } from "../../src/local-gateway/static-value";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A static value API Gateway takes literally: quoted, visible ASCII and spaces inside, no line breaks. */
const QUOTED = /^'[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?'$/;

/** Strings near the edge of what is allowed: quotes, newlines, spaces, non-ASCII, CSP keywords. */
const edgyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("no-store", "frame-ancestors 'none'", "default-src 'self'", "it's", "a\nb", " x", "x ", "", "'none", "DENY", "no-referrer", "\u0000", "café"),
);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const securityHeaders = fc.record(
  {
    hsts: fc.record(
      { maxAgeSeconds: fc.oneof(fc.integer({ min: -10, max: 70_000_000 }), fc.double()), includeSubDomains: fc.oneof(fc.boolean(), fc.string()), preload: fc.boolean() },
      { requiredKeys: [] },
    ),
    cacheControl: maybe(fc.oneof(edgyString, fc.constant(false as const))),
    contentSecurityPolicy: maybe(fc.oneof(edgyString, fc.constant(false as const))),
    frameOptions: maybe(fc.oneof(edgyString, fc.constant(false as const))),
    referrerPolicy: maybe(fc.oneof(edgyString, fc.constant(false as const))),
    additionalHeaders: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("X-Custom", "Permissions-Policy", "Cache-Control")), edgyString, { maxKeys: 3 }),
    cors: maybe(fc.record({ allowOrigin: fc.oneof(edgyString, fc.constantFrom("*", "https://app.example.com")) })),
  },
  { requiredKeys: [] },
);

describe("header-policy configuration, for arbitrary inputs", () => {
  test("either renders every header as a valid quoted gateway-response parameter, or names the bad field", () => {
    fc.assert(
      fc.property(securityHeaders, (input) => {
        let config;
        try {
          config = loadAppConfig({ securityHeaders: input }, {});
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ConfigError);
          for (const problem of (error as ConfigError).problems) {
            expect(problem).toMatch(/^property 'securityHeaders\.(hsts\.|cors\.)?[A-Za-z]+/);
          }
          return;
        }
        const { cors, ...rest } = config.securityHeaders;
        const policy = new SecurityHeaderPolicy({ ...rest, cors });
        for (const [key, value] of Object.entries(policy.toGatewayResponseParameters())) {
          const name = key.slice("gatewayresponse.header.".length);
          expect(key.startsWith("gatewayresponse.header.")).toBe(true);
          expect(name).toMatch(TOKEN);
          expect(value).toMatch(QUOTED);
          // API Gateway sends what lies between the outer quotes as it stands: that must be the policy's value.
          expect(readStaticValue(value)).toBe(policy.headers[name]);
          if (name === "Content-Security-Policy") {
            // CSP keywords must be quoted; any other quote is refused by validation.
            expect(value.slice(1, -1).replace(/'[A-Za-z0-9+/=_-]+'/g, "")).not.toContain("'");
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
