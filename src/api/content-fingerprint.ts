import { createHash } from "node:crypto";
import { IResolveContext, Lazy, TerraformResource } from "cdktf";

/**
 * A SHA-1 over the synthesized configuration of `resources` — their content, not their ids.
 *
 * Ids do not change when a header value, a template or a TTL does, so a deployment triggered by ids
 * alone would leave the stage serving the old snapshot. The fingerprint is computed lazily, during
 * synth, so it sees overrides and anything configured after the deployment was declared.
 */
export function contentFingerprint(resources: readonly TerraformResource[]): string {
  return Lazy.stringValue({
    produce: (context: IResolveContext) => {
      const content = resources.map((resource) => ({
        type: resource.terraformResourceType,
        config: context.resolve(resource.toTerraform()) as unknown,
      }));
      return createHash("sha1").update(JSON.stringify(content)).digest("hex");
    },
  });
}
