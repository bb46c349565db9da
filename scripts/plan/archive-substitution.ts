import { createHash } from "node:crypto";

/** A synthesized stack (`cdk.tf.json`) as parsed JSON. */
export type StackJson = Record<string, unknown>;

/** One `data.archive_file` of the stack: the bundle folder it zips and where it writes the zip. */
export interface ArchiveSource {
  /** The data source's name: `data.archive_file.<name>`. */
  readonly name: string;
  /** The bundle folder, relative to the stack folder (`assets/...`). */
  readonly sourceDir: string;
  /** The zip's path, relative to the stack folder (`archives/...`). */
  readonly outputPath: string;
  /** The `output_path` expression exactly as the stack writes it (`${path.module}/archives/...`). */
  readonly outputPathExpression: string;
}

/** The attributes of a `data.archive_file` that a stack may refer to, computed from a zip we built. */
export type ArchiveAttributes = Readonly<Record<string, string>>;

const MODULE_PREFIX = "${path.module}/";
const WHOLE_REFERENCE = /^\$\{data\.archive_file\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;
const ANY_REFERENCE = /data\.archive_file\./;

/**
 * The `data.archive_file` sources of a stack. Only what this project synthesizes is supported — zips of a
 * folder under `${path.module}` written under `${path.module}` — and anything else is refused by name,
 * because a substitution that guessed would plan something other than what the user deploys.
 */
export function archiveSources(stack: StackJson): ArchiveSource[] {
  const archives = asRecord(asRecord(stack.data).archive_file);
  return Object.entries(archives).map(([name, raw]) => {
    const block = asRecord(raw);
    const problems: string[] = [];
    if (block.type !== "zip") {
      problems.push(`type must be "zip", got ${JSON.stringify(block.type)}`);
    }
    for (const key of ["source_file", "source_content", "source", "excludes", "exclude_symlink_directories"]) {
      if (key in block) {
        problems.push(`'${key}' is not supported, only 'source_dir'`);
      }
    }
    const sourceDir = moduleRelative(block.source_dir);
    const outputPath = moduleRelative(block.output_path);
    if (sourceDir === undefined) {
      problems.push(`source_dir must start with ${MODULE_PREFIX}, got ${JSON.stringify(block.source_dir)}`);
    }
    if (outputPath === undefined) {
      problems.push(`output_path must start with ${MODULE_PREFIX}, got ${JSON.stringify(block.output_path)}`);
    }
    if (problems.length > 0 || sourceDir === undefined || outputPath === undefined) {
      throw new Error(`data.archive_file.${name} cannot be built without the archive provider: ${problems.join("; ")}`);
    }
    return { name, sourceDir, outputPath, outputPathExpression: block.output_path as string };
  });
}

/**
 * The attributes the archive provider would report for `zip`, by the provider's definitions: hex and
 * base64 digests of the file's bytes, its size, and `id` (the SHA-1). `output_path` is the original
 * expression, so the function's `filename` reads exactly as in the stack.
 */
export function archiveAttributes(zip: Buffer, outputPathExpression: string): ArchiveAttributes {
  const digest = (algorithm: string, encoding: "hex" | "base64"): string => createHash(algorithm).update(zip).digest(encoding);
  return {
    output_path: outputPathExpression,
    output_size: String(zip.length),
    output_md5: digest("md5", "hex"),
    output_sha: digest("sha1", "hex"),
    id: digest("sha1", "hex"),
    output_sha256: digest("sha256", "hex"),
    output_base64sha256: digest("sha256", "base64"),
    output_sha512: digest("sha512", "hex"),
    output_base64sha512: digest("sha512", "base64"),
  };
}

/**
 * A copy of `stack` with no archive provider: every `data.archive_file` block, the provider's
 * configuration and its `required_providers` entry removed, and every `${data.archive_file.<name>.<attr>}`
 * replaced by the value in `built`. The input is left as it was.
 *
 * @throws if a reference is part of a larger expression, names an unknown archive or attribute, or if any
 *   mention of `data.archive_file` survives: a half-substituted stack must never reach Terraform.
 */
export function substituteArchives(stack: StackJson, built: Readonly<Record<string, ArchiveAttributes>>): StackJson {
  const copy = structuredClone(stack);
  const data = asRecord(copy.data);
  delete data.archive_file;
  if (Object.keys(data).length === 0) {
    delete copy.data;
  }
  delete asRecord(copy.provider).archive;
  delete asRecord(asRecord(copy.terraform).required_providers).archive;

  const replaced = replaceStrings(copy, (value) => {
    const match = WHOLE_REFERENCE.exec(value);
    if (match === null) {
      if (ANY_REFERENCE.test(value)) {
        throw new Error(`cannot substitute ${JSON.stringify(value)}: only whole "\${data.archive_file.<name>.<attribute>}" references are supported`);
      }
      return value;
    }
    const [, name, attribute] = match;
    const attributes = built[name];
    if (attributes === undefined) {
      throw new Error(`cannot substitute ${value}: no zip was built for data.archive_file.${name}`);
    }
    const substitute = attributes[attribute];
    if (substitute === undefined) {
      throw new Error(`cannot substitute ${value}: attribute '${attribute}' is not one of ${Object.keys(attributes).join(", ")}`);
    }
    return attribute === "output_path" ? substitute : escapeTemplate(substitute);
  }) as StackJson;

  if (JSON.stringify(replaced).includes("data.archive_file")) {
    throw new Error("a reference to data.archive_file survived the substitution");
  }
  return replaced;
}

/** Terraform reads `${` and `%{` in JSON strings as template syntax; a literal value must escape them. */
function escapeTemplate(value: string): string {
  return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{");
}

function replaceStrings(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === "string") {
    return replace(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => replaceStrings(item, replace));
  }
  if (typeof value === "object" && value !== null) {
    // The "//" metadata blocks are CDKTF's comments, never read by Terraform: left as they are.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === "//" ? item : replaceStrings(item, replace)]));
  }
  return value;
}

function moduleRelative(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith(MODULE_PREFIX)) {
    return undefined;
  }
  const rest = value.slice(MODULE_PREFIX.length);
  return rest.length > 0 && !rest.includes("${") && !rest.split("/").includes("..") ? rest : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
