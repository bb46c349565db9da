/** What a deployed stage must answer, taken from the synthesized stack or from the seed's defaults. */
export interface Expectations {
  /** Where the expectations came from: the stack file's path, or `seed defaults`. */
  readonly source: string;
  /** The authorized route, relative to the stage, e.g. `/test`. */
  readonly resourcePath: string;
  /** The route's method, e.g. `GET`; `ANY` leaves no method to probe as missing. */
  readonly httpMethod: string;
  /** Every method the route's resource has, upper case (`ANY` included when declared). */
  readonly routeMethods: readonly string[];
  /** The request header the authorizer reads the credential from, lower case. */
  readonly identityHeader: string;
  /** Header name (lower case) → the exact value every response must carry. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The example app's (the seed's) route and header policy: what `npm run synth` produces from the
 * project's own cdktf.json. A test synthesizes the example app and compares, so these cannot drift.
 */
export const SEED_DEFAULTS: Expectations = {
  source: "seed defaults",
  resourcePath: "/test",
  httpMethod: "GET",
  routeMethods: ["GET"],
  identityHeader: "x-custom-auth",
  headers: {
    "strict-transport-security": "max-age=31536000; includeSubDomains; preload",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  },
};
