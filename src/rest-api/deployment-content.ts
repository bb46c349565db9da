import { createHash } from "node:crypto";
import { dependable, IResolveContext, Lazy, TerraformResource } from "cdktf";

/**
 * What a deployment snapshots: every resource, method, integration, authorizer and gateway response of
 * the API registers itself here when it is created, so no list is kept by hand and a new part can never
 * be forgotten.
 *
 * The deployment is replaced when the fingerprint — a SHA-1 over the registered resources' synthesized
 * *content*, not their ids — changes. Ids do not change when a header value, a template or a TTL does, so
 * a deployment triggered by ids alone would leave the stage serving the old snapshot. The fingerprint is
 * computed lazily, during synth, so it sees everything registered or configured after the deployment was
 * declared.
 */
export class DeploymentContent {
  private readonly resources: TerraformResource[] = [];

  /** The `triggers.redeployment` value of the deployment. */
  public readonly fingerprint: string = Lazy.stringValue({
    produce: (context: IResolveContext) => contentFingerprint(this.resources, context),
  });

  /** The deployment's `depends_on`: it must not snapshot the API before every registered part exists. */
  public readonly dependsOn: string[] = Lazy.listValue({
    produce: () => this.resources.map((resource) => dependable(resource)),
  });

  /** Adds resources to the snapshot. */
  public register(...resources: readonly TerraformResource[]): void {
    this.resources.push(...resources);
  }
}

/**
 * A SHA-1 over the synthesized configuration of `resources`, ordered by construct path: declaring the
 * same routes in another order yields the same API, and must not redeploy it.
 */
export function contentFingerprint(resources: readonly TerraformResource[], context: IResolveContext): string {
  const ordered = [...resources].sort((a, b) => (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
  const content = ordered.map((resource) => ({
    type: resource.terraformResourceType,
    config: context.resolve(resource.toTerraform()) as unknown,
  }));
  return createHash("sha1").update(JSON.stringify(content)).digest("hex");
}
