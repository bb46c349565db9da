import type { Expectations } from "./expectations/expectations";

/** One request of the run and the status class that proves the behaviour. */
export interface Probe {
  /** The check's name in the report, e.g. `no credential → 401`. */
  readonly name: string;
  /** Short label of the response in other checks' reports, e.g. `the 401`. */
  readonly label: string;
  readonly method: string;
  /** Relative to the stage URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expected: (status: number) => boolean;
  /** Whether the response body may be shown (not the one answering the real credential). */
  readonly showBody: boolean;
  /** Set when the probe cannot be sent; the reason goes in the report. */
  readonly skipReason?: string;
}

/** Methods tried, in order, as the one the route does not have; none of them changes anything without a route. */
const CANDIDATE_METHODS = ["DELETE", "PATCH", "PUT", "POST", "GET"];

/**
 * The requests of one run. `nonce` makes the wrong credential and the unknown path unique per run, so no
 * cached authorizer decision and no real resource can answer them.
 */
export function probePlan(expectations: Expectations, credential: string | undefined, nonce: string): Probe[] {
  const method = expectations.httpMethod === "ANY" ? "GET" : expectations.httpMethod;
  const route = expectations.resourcePath;
  const header = expectations.identityHeader;
  const missingMethod = expectations.routeMethods.includes("ANY")
    ? undefined
    : CANDIDATE_METHODS.find((candidate) => !expectations.routeMethods.includes(candidate));
  return [
    { name: `no credential → 401 (${method} ${route})`, label: "the 401", method, path: route, headers: {}, expected: (s) => s === 401, showBody: true },
    {
      name: `wrong credential → 403 (${header})`,
      label: "the 403 (wrong credential)",
      method,
      path: route,
      headers: { [header]: `verify-wrong-${nonce}` },
      expected: (s) => s === 403,
      showBody: true,
    },
    {
      name: "the credential → 2xx",
      label: "the 2xx",
      method,
      path: route,
      headers: credential === undefined ? {} : { [header]: credential },
      expected: (s) => s >= 200 && s < 300,
      showBody: false,
      skipReason: credential === undefined ? "skipped: no --credential or VERIFY_CREDENTIAL given" : undefined,
    },
    {
      name: "unknown path → 403",
      label: "the 403 (unknown path)",
      method: "GET",
      path: `/verify-unknown-${nonce}`,
      headers: {},
      expected: (s) => s === 403,
      showBody: true,
    },
    {
      name: `a method the route lacks → 403 (${missingMethod ?? "none"} ${route})`,
      label: "the 403 (missing method)",
      method: missingMethod ?? "GET",
      path: route,
      headers: {},
      expected: (s) => s === 403,
      showBody: true,
      skipReason: missingMethod === undefined ? `skipped: the route declares ANY, so every method exists` : undefined,
    },
  ];
}
