import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { Construct } from "constructs";
import { throwIfProblemsAt } from "../validation/config-error";
import { joinPath, pathSegments, siblingParameterProblems } from "./resource-path";
import { RestApiTarget } from "./rest-api-target";

/**
 * One node of the API's path tree: the root `/`, or one `aws_api_gateway_resource` per distinct path
 * prefix, shared by every route beneath it (`/orders` and `/orders/{id}` reuse `/orders`). A child node's
 * construct id is its path segment; the resource and the routes take ids in brackets (`[resource]`,
 * `[GET]`), which no path segment can be, so they never collide with a child.
 */
export class PathNode extends Construct {
  /** The full path, e.g. `/orders/{id}`; `/` for the root. */
  public readonly path: string;
  /** The id API Gateway knows this path by. */
  public readonly resourceId: string;
  /** The resource; `undefined` for the root, which every REST API has. */
  public readonly resource: ApiGatewayResource | undefined;
  private readonly children = new Map<string, PathNode>();

  constructor(
    scope: Construct,
    id: string,
    private readonly api: RestApiTarget,
    parent?: PathNode,
  ) {
    super(scope, id);
    if (parent === undefined) {
      this.path = "/";
      this.resourceId = api.restApi.rootResourceId;
      this.resource = undefined;
    } else {
      this.path = joinPath(parent.path, id);
      this.resource = new ApiGatewayResource(this, "[resource]", {
        restApiId: api.restApi.id,
        parentId: parent.resourceId,
        pathPart: id,
      });
      this.resourceId = this.resource.id;
      api.content.register(this.resource);
    }
  }

  /** The child for one path segment, created on first use. */
  public child(segment: string): PathNode {
    const existing = this.children.get(segment);
    if (existing !== undefined) {
      return existing;
    }
    throwIfProblemsAt(this.node.path, siblingParameterProblems(this.path, [...this.children.keys()], segment));
    const node = new PathNode(this, segment, this.api, this);
    this.children.set(segment, node);
    return node;
  }

  /** The node of a path below this one, e.g. `/orders/{id}` from the root; creates what is missing. */
  public resolve(path: string): PathNode {
    return pathSegments(path).reduce<PathNode>((node, segment) => node.child(segment), this);
  }
}
