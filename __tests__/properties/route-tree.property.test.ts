import * as fc from "fast-check";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import {
  Authorization,
  GatewayResponseSpec,
  HTTP_METHODS,
  HttpMethod,
  IdentitySource,
  LambdaHandler,
  RESPONSE_TYPES,
  ResponseTypeName,
  SecureRestApi,
} from "cdktf-secure-rest-api";
import { parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";
import { integrationsByRoute, methodsByRoute, referencedName, resourcePaths } from "../examples/support/references";

/** One route of a generated API. */
interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly auth: "NONE" | "request" | "token";
  readonly target: "orders" | "users" | "mock";
}

/** A generated API: routes, the authorizers' TTLs and the gateway responses' overrides. */
interface ApiSpec {
  readonly routes: readonly RouteSpec[];
  readonly requestTtl: number;
  readonly tokenTtl: number;
  readonly responses: readonly GatewayResponseSpec[];
}

const STAGE = "live";
/** Functions managed elsewhere: a LambdaHandler is only a name and an invoke ARN. */
const HANDLERS: Readonly<Record<"orders" | "users", LambdaHandler>> = {
  orders: { functionName: "orders-fn", invokeArn: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-fn/invocations" },
  users: { functionName: "users-fn", invokeArn: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:users-fn/invocations" },
};

/**
 * Paths over a small vocabulary, so that random routes share prefixes. A level's path parameter is always
 * `{p<level>}`: API Gateway allows one parameter name per level.
 */
const segment = (level: number): fc.Arbitrary<string> => fc.constantFrom("orders", "items", "users", "v2", `{p${level}}`);
const pathArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constant("/") },
  {
    weight: 12,
    arbitrary: fc.integer({ min: 1, max: 4 }).chain((depth) =>
      fc.tuple(...Array.from({ length: depth }, (_, level) => segment(level))).map((segments) => `/${segments.join("/")}`),
    ),
  },
);
const routeArb: fc.Arbitrary<RouteSpec> = fc.record({
  method: fc.constantFrom(...HTTP_METHODS),
  path: pathArb,
  auth: fc.constantFrom("NONE" as const, "request" as const, "token" as const),
  target: fc.constantFrom("orders" as const, "users" as const, "mock" as const),
});
const routeKey = (route: RouteSpec): string => `${route.method} ${route.path}`;
const apiArb: fc.Arbitrary<ApiSpec> = fc.record({
  // fast-check's default size keeps arrays short (about a dozen); one case in six is a large API of 30 to 50.
  routes: fc.oneof(
    { weight: 5, arbitrary: fc.uniqueArray(routeArb, { minLength: 1, maxLength: 50, selector: routeKey }) },
    { weight: 1, arbitrary: fc.uniqueArray(routeArb, { minLength: 30, maxLength: 50, size: "max", selector: routeKey }) },
  ),
  requestTtl: fc.integer({ min: 0, max: 3600 }),
  tokenTtl: fc.integer({ min: 0, max: 3600 }),
  responses: fc.uniqueArray(
    fc.record({ type: fc.constantFrom(...(RESPONSE_TYPES as readonly ResponseTypeName[])), message: fc.constantFrom("Nope", "Try again", "Denied") }),
    { maxLength: 3, selector: (spec) => spec.type },
  ),
});

/** Synthesizes the API in a stack of its own; `extra` adds things outside the API. */
function synth(spec: ApiSpec, extra?: (stack: TerraformStack) => void): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), "generated");
  const api = new SecureRestApi(stack, "api", { name: "generated", stageName: STAGE, gatewayResponses: spec.responses });
  const authorizers = {
    request: api.addRequestAuthorizer("request", {
      handler: HANDLERS.users,
      identitySources: [IdentitySource.header("x-api-key")],
      resultTtlSeconds: spec.requestTtl,
    }),
    token: api.addTokenAuthorizer("token", { handler: HANDLERS.users, resultTtlSeconds: spec.tokenTtl }),
  };
  for (const route of spec.routes) {
    api.addRoute(`${route.method} ${route.path}`, {
      authorizer: route.auth === "NONE" ? Authorization.NONE : authorizers[route.auth],
      ...(route.target === "mock" ? { mock: { statusCode: 200 } } : { handler: HANDLERS[route.target] }),
    });
  }
  extra?.(stack);
  return parseStack(Testing.synth(stack));
}

/** Every proper prefix of a path and the path itself, the root excluded: `/a/b` → `/a`, `/a/b`. */
function prefixes(path: string): string[] {
  const segments = path === "/" ? [] : path.slice(1).split("/");
  return segments.map((_, index) => `/${segments.slice(0, index + 1).join("/")}`);
}

/** The source ARN suffix API Gateway invokes a function with: `*` for ANY and for each `{param}`. */
function expectedArnSuffix(route: RouteSpec): string {
  const segments = route.path === "/" ? [] : route.path.slice(1).split("/");
  return `${route.method === "ANY" ? "*" : route.method}/${segments.map((s) => (s.startsWith("{") ? "*" : s)).join("/")}`;
}

function fingerprint(stack: SynthesizedStack): string {
  const deployments = Object.values(resourcesOfType(stack, "aws_api_gateway_deployment"));
  expect(deployments).toHaveLength(1);
  return (deployments[0].triggers as Record<string, string>).redeployment;
}

/** A change to exactly one route, authorizer or gateway response; each makes a different deployment. */
type Change = (spec: ApiSpec) => ApiSpec;
const otherThan = <T>(values: readonly T[], current: T, pick: number): T => {
  const others = values.filter((value) => value !== current);
  return others[pick % others.length];
};
const changeArb: fc.Arbitrary<{ name: string; apply: Change }> = fc.tuple(fc.nat(), fc.nat()).chain(([at, pick]) =>
  fc.constantFrom<{ name: string; apply: Change }>(
    {
      name: "a route's authorizer",
      apply: (spec) => withRoute(spec, at, (route) => ({ ...route, auth: otherThan(["NONE", "request", "token"] as const, route.auth, pick) })),
    },
    {
      name: "a route's integration",
      apply: (spec) => withRoute(spec, at, (route) => ({ ...route, target: otherThan(["orders", "users", "mock"] as const, route.target, pick) })),
    },
    {
      name: "a route's method",
      apply: (spec) =>
        withRoute(spec, at, (route) => {
          const taken = new Set(spec.routes.filter((r) => r.path === route.path).map((r) => r.method));
          const free = HTTP_METHODS.filter((method) => !taken.has(method));
          return free.length === 0 ? { ...route, auth: otherThan(["NONE", "request", "token"] as const, route.auth, pick) } : { ...route, method: free[pick % free.length] };
        }),
    },
    { name: "a route added", apply: (spec) => ({ ...spec, routes: [...spec.routes, { method: "PATCH", path: "/added/{p1}", auth: "token", target: "orders" }] }) },
    {
      name: "a route removed",
      apply: (spec) =>
        spec.routes.length > 1
          ? { ...spec, routes: spec.routes.filter((_, index) => index !== at % spec.routes.length) }
          : { ...spec, routes: [...spec.routes, { method: "GET", path: "/extra", auth: "NONE", target: "mock" }] },
    },
    { name: "the REQUEST authorizer's TTL", apply: (spec) => ({ ...spec, requestTtl: (spec.requestTtl + 1 + (pick % 100)) % 3601 }) },
    { name: "the TOKEN authorizer's TTL", apply: (spec) => ({ ...spec, tokenTtl: (spec.tokenTtl + 1 + (pick % 100)) % 3601 }) },
    {
      name: "a gateway response's message",
      apply: (spec) => {
        const type = RESPONSE_TYPES[pick % RESPONSE_TYPES.length] as ResponseTypeName;
        const existing = spec.responses.find((r) => r.type === type);
        const message = existing?.message === "Changed" ? "Changed again" : "Changed";
        return { ...spec, responses: [...spec.responses.filter((r) => r.type !== type), { type, message }] };
      },
    },
  ),
);
function withRoute(spec: ApiSpec, at: number, change: (route: RouteSpec) => RouteSpec): ApiSpec {
  const index = at % spec.routes.length;
  return { ...spec, routes: spec.routes.map((route, i) => (i === index ? change(route) : route)) };
}

// Each case synthesizes a whole API of up to 50 routes (the fingerprint property three times), so the
// runs are few and every case checks much; together they stay a few seconds of the suite.
const TREE_RUNS = { numRuns: 25 };
const FINGERPRINT_RUNS = { numRuns: 15 };

describe("the path tree and the deployment of random route sets", () => {
  test("one aws_api_gateway_resource per distinct path prefix; every route has its method, authorizer or explicitly none, integration, and an invoke permission scoped to <execution_arn>/<stage>/<METHOD or *>/<path, * for params>", () => {
    fc.assert(
      fc.property(apiArb, (spec) => {
        const stack = synth(spec);

        const expectedPaths = [...new Set(spec.routes.flatMap((route) => prefixes(route.path)))].sort();
        expect([...resourcePaths(stack).values()].sort()).toEqual(expectedPaths);

        const methods = methodsByRoute(stack);
        const integrations = integrationsByRoute(stack);
        const authorizerOf = (type: string): string =>
          Object.entries(resourcesOfType(stack, "aws_api_gateway_authorizer")).find(([, block]) => block.type === type)?.[0] ?? "missing";
        expect(methods.size).toBe(spec.routes.length);
        for (const route of spec.routes) {
          const key = `${route.method} ${route.path}`;
          const method = methods.get(key);
          expect(method).toBeDefined();
          if (route.auth === "NONE") {
            expect(method?.authorization).toBe("NONE");
            expect(method?.authorizer_id).toBeUndefined();
          } else {
            expect(method?.authorization).toBe("CUSTOM");
            expect(referencedName(method?.authorizer_id, "aws_api_gateway_authorizer", "id")).toBe(authorizerOf(route.auth === "request" ? "REQUEST" : "TOKEN"));
          }
          const integration = integrations.get(key);
          if (route.target === "mock") {
            expect(integration?.type).toBe("MOCK");
          } else {
            expect(integration?.type).toBe("AWS_PROXY");
            expect(integration?.uri).toBe(HANDLERS[route.target].invokeArn);
          }
        }

        const restApi = Object.keys(resourcesOfType(stack, "aws_api_gateway_rest_api"))[0];
        const exec = `\${aws_api_gateway_rest_api.${restApi}.execution_arn}`;
        const permissions = Object.values(resourcesOfType(stack, "aws_lambda_permission"))
          .filter((p) => !String(p.source_arn).includes("/authorizers/"))
          .map((p) => `${String(p.function_name)} ${String(p.source_arn)}`)
          .sort();
        const expectedPermissions = spec.routes
          .filter((route) => route.target !== "mock")
          .map((route) => `${HANDLERS[route.target as "orders" | "users"].functionName} ${exec}/${STAGE}/${expectedArnSuffix(route)}`)
          .sort();
        expect(permissions).toEqual(expectedPermissions);
      }),
      TREE_RUNS,
    );
  });

  test("the deployment fingerprint stays put when nothing in the API changes — an unrelated addition to the stack included — and moves when any route, authorizer or gateway response changes", () => {
    fc.assert(
      fc.property(apiArb, changeArb, (spec, change) => {
        const first = fingerprint(synth(spec));
        expect(first).toMatch(/^[0-9a-f]{40}$/);
        expect(fingerprint(synth(spec, (stack) => new TerraformOutput(stack, "unrelated", { value: "x" })))).toBe(first);

        const changed = change.apply(spec);
        expect(changed).not.toEqual(spec);
        expect([change.name, fingerprint(synth(changed))]).not.toEqual([change.name, first]);
      }),
      FINGERPRINT_RUNS,
    );
  });
});
