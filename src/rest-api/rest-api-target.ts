import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { DeploymentContent } from "./deployment-content";

/** What the parts of an API (authorizers, routes, responses) need of it. */
export interface RestApiTarget {
  readonly restApi: ApiGatewayRestApi;
  /** The API's name; prefixes default names of its parts. */
  readonly apiName: string;
  /** The stage every invoke permission is scoped to. */
  readonly stageName: string;
  /** What the deployment snapshots. */
  readonly content: DeploymentContent;
}
