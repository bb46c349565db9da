import * as path from "node:path";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { Authorization, IdentitySource, NodejsFunction, SecureRestApi } from "../../src/index";

/**
 * The app synth-100-routes.ts measures: a 100-route API as a consumer would declare it — ten groups of
 * five paths sharing prefixes (`/g0`, `/g0/{id}`, `/g0/{id}/items`, `/g0/{id}/items/{itemId}`,
 * `/g0/search`), GET and POST on each, behind a REQUEST or a TOKEN authorizer or public, three bundled
 * functions (the orders example's), providers in the stack. Writes to CDKTF_OUTDIR (default cdktf.out).
 */
export const ROUTE_COUNT = 100;

const LAMBDAS = path.resolve(__dirname, "..", "..", "examples", "orders-api", "lambdas");
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
const stack = new TerraformStack(app, "hundred-routes");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new ArchiveProvider(stack, "archive");
const lambda = (name: string) =>
  new NodejsFunction(stack, name, { functionName: `bench-${name}`, entry: path.join(LAMBDAS, name, "index.ts"), environment: { SECURITY_HEADERS: "{}" } });

const api = new SecureRestApi(stack, "api", { name: "bench", stageName: "prod" });
const partners = api.addRequestAuthorizer("partner", {
  handler: lambda("partner-authorizer"),
  identitySources: [IdentitySource.header("x-partner-key"), IdentitySource.queryString("tenant")],
});
const users = api.addTokenAuthorizer("jwt", { handler: lambda("jwt-authorizer") });
const orders = lambda("orders");
const authorizers = [partners, users, Authorization.NONE] as const;

let added = 0;
for (let group = 0; group < 10; group++) {
  for (const suffix of ["", "/{id}", "/{id}/items", "/{id}/items/{itemId}", "/search"]) {
    for (const method of ["GET", "POST"]) {
      api.addRoute(`${method} /g${group}${suffix}`, { handler: orders, authorizer: authorizers[added % authorizers.length] });
      added++;
    }
  }
}
if (added !== ROUTE_COUNT) {
  throw new Error(`declared ${added} routes, expected ${ROUTE_COUNT}`);
}
app.synth();
