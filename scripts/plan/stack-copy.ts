import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { archiveAttributes, ArchiveAttributes, archiveSources, StackJson, substituteArchives } from "./archive-substitution";
import { deterministicZip, directoryEntries } from "./deterministic-zip";
import { OFFLINE_OVERRIDE_FILE, offlineOverride } from "./offline-override";
import { PlanMode } from "./plan-mode";

/** The synthesized stack file CDKTF writes into each stack folder. */
export const STACK_FILE = "cdk.tf.json";

/** A zip built in place of a `data.archive_file`. */
export interface BuiltZip {
  readonly name: string;
  /** Absolute path of the zip in the copy. */
  readonly file: string;
  /** base64 of the zip's SHA-256: what `output_base64sha256` stands for. */
  readonly base64Sha256: string;
}

/** Options of {@link writeStackCopy}. */
export interface StackCopyOptions {
  /** The synthesized stack folder (`cdktf.out/stacks/<id>`); only read. */
  readonly stackDir: string;
  /** Where the copy goes. `.terraform` and the lock file there are kept, so one `init` serves many copies. */
  readonly workDir: string;
  readonly mode: PlanMode;
  /** The scratch state file of an offline plan. */
  readonly offlineStatePath: string;
}

/**
 * Writes the copy of the stack that Terraform plans: the bundle folders, the stack file — with the zips
 * substituted when the archive provider cannot be installed — and, offline, the override that keeps the
 * AWS provider off the network. Called again with another stack, it replaces the previous copy.
 */
export function writeStackCopy(options: StackCopyOptions): BuiltZip[] {
  const { stackDir, workDir, mode } = options;
  mkdirSync(workDir, { recursive: true });
  for (const stale of [STACK_FILE, "assets", "archives", OFFLINE_OVERRIDE_FILE]) {
    rmSync(path.join(workDir, stale), { recursive: true, force: true });
  }
  cpSync(path.join(stackDir, "assets"), path.join(workDir, "assets"), { recursive: true });
  const built: BuiltZip[] = [];
  if (mode.archives === "provider") {
    copyFileSync(path.join(stackDir, STACK_FILE), path.join(workDir, STACK_FILE));
  } else {
    const stack = JSON.parse(readFileSync(path.join(stackDir, STACK_FILE), "utf8")) as StackJson;
    const attributes: Record<string, ArchiveAttributes> = {};
    for (const source of archiveSources(stack)) {
      const zip = deterministicZip(directoryEntries(path.join(workDir, source.sourceDir)));
      const file = path.join(workDir, source.outputPath);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, zip);
      attributes[source.name] = archiveAttributes(zip, source.outputPathExpression);
      built.push({ name: source.name, file, base64Sha256: attributes[source.name].output_base64sha256 });
    }
    writeFileSync(path.join(workDir, STACK_FILE), `${JSON.stringify(substituteArchives(stack, attributes), null, 2)}\n`);
  }
  if (mode.aws === "offline") {
    writeFileSync(path.join(workDir, OFFLINE_OVERRIDE_FILE), `${JSON.stringify(offlineOverride(options.offlineStatePath), null, 2)}\n`);
  }
  return built;
}
