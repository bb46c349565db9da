import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { OFFLINE_OVERRIDE_FILE } from "../../../scripts/plan/offline-override";
import { PlanMode } from "../../../scripts/plan/plan-mode";
import { BuiltZip, STACK_FILE, writeStackCopy } from "../../../scripts/plan/stack-copy";

/** Options of {@link writeModuleCopy}. */
export interface ModuleCopyOptions {
  /** The synthesized stack folder (`cdktf.out/stacks/<id>`); only read. */
  readonly stackDir: string;
  /** The module's folder, under the root configuration's folder. */
  readonly moduleDir: string;
  readonly mode: PlanMode;
  /**
   * `own`: the module keeps the stack's provider configurations (each one more provider instance, which
   * Terraform starts in both the validate and the plan walk). `root`: they are removed and the module
   * plans under the root's, which is only faithful when they are the same: the caller checks that.
   */
  readonly providers: "own" | "root";
}

/**
 * Writes the copy of a stack that `scripts/plan` would plan (zips built here where the archive provider is
 * missing, the offline override), shaped as a child module, so that one `init`, one `plan` and one
 * `show -json` — each AWS-provider start costs about 1 s of CPU, three to four per command — cover
 * several stacks. Only what Terraform accepts from the root alone changes shape, and nothing it plans:
 * - the state backend goes (in a child module Terraform ignores it, with a warning "Backend configuration
 *   ignored");
 * - the offline override's provider settings are written into the provider block itself, as Terraform
 *   would merge them (each argument replaces the original's): in a child module, Terraform judges a
 *   provider block merged from an override file "empty" (its emptiness check reads the merged body against
 *   an empty schema) and warns "Redundant empty provider block";
 * - truly empty provider blocks go, for that same warning (the root's default configuration is the same).
 *
 * @see https://developer.hashicorp.com/terraform/language/files/override#merging-behavior
 * @see https://developer.hashicorp.com/terraform/language/modules/develop/providers
 * @see hashicorp/terraform internal/configs/provider_validation.go, `validateProviderConfigs` ("Redundant empty provider block")
 */
export function writeModuleCopy(options: ModuleCopyOptions): BuiltZip[] {
  const { moduleDir, providers } = options;
  const zips = writeStackCopy({ stackDir: options.stackDir, workDir: moduleDir, mode: options.mode, offlineStatePath: path.join(moduleDir, "unused.tfstate") });
  const overrideFile = path.join(moduleDir, OFFLINE_OVERRIDE_FILE);
  const override = existsSync(overrideFile) ? asRecord(asRecord(JSON.parse(readFileSync(overrideFile, "utf8"))).provider) : {};
  rmSync(overrideFile, { force: true });
  rewrite(path.join(moduleDir, STACK_FILE), (stack) => {
    delete asRecord(stack.terraform).backend;
    const configs = asRecord(stack.provider);
    for (const [name, blocks] of Object.entries(configs)) {
      const only = Array.isArray(blocks) && blocks.length === 1 ? asRecord(blocks[0]) : undefined;
      if (only === undefined) {
        throw new Error(`provider "${name}": a module copy supports one configuration per provider`);
      }
      if (providers === "root" || (Object.keys(only).length === 0 && override[name] === undefined)) {
        delete configs[name];
      } else if (override[name] !== undefined) {
        Object.assign(only, asRecord((override[name] as unknown[])[0]));
      }
    }
    // Terraform refuses an empty `provider` object.
    if (Object.keys(configs).length === 0) {
      delete stack.provider;
    }
  });
  return zips;
}

function rewrite(file: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
