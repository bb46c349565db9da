import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";

/** Where bundles are written (under the project that synthesizes) before CDKTF copies them into the stack folder. */
const BUNDLE_ROOT = path.resolve(process.cwd(), ".build", "lambda-bundles");

/** The Node.js version the bundles target; matches {@link DEFAULT_RUNTIME}. */
const NODE_TARGET = "node22";

/** A bundle built earlier in this process, and the digest of every file it was built from. */
interface BuiltBundle {
  readonly folder: string;
  readonly inputs: ReadonlyMap<string, string>;
}

/**
 * Bundles built in this process, by entry. An app with several stacks (or a test file synthesizing many)
 * names the same handler again and again; esbuild's parse and minify is most of a synth's bundling time,
 * while re-reading the inputs to prove nothing changed costs a fraction of it.
 */
const builtBundles = new Map<string, BuiltBundle>();

/**
 * Bundles one TypeScript handler with esbuild into a folder holding `index.js` only.
 *
 * The folder is named after the bundle's content hash, so parallel synths (jest workers) never write to
 * the same file, and an unchanged handler yields the same folder — hence the same asset and the same zip.
 * Called again in the same process, it returns the same folder without bundling while every input file
 * esbuild read (the entry and everything it imports) has the same content.
 *
 * @returns the absolute path of the folder.
 */
export function bundleHandler(entry: string): string {
  const earlier = builtBundles.get(entry);
  if (earlier !== undefined && existsSync(path.join(earlier.folder, "index.js")) && unchanged(earlier.inputs)) {
    return earlier.folder;
  }
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: NODE_TARGET,
    format: "cjs",
    minify: true,
    keepNames: true,
    legalComments: "none",
    // The Node.js Lambda runtimes ship the AWS SDK v3: bundling it would add ~600 kB to the zip and a
    // quarter of a second to every synth.
    external: ["@aws-sdk/*"],
    write: false,
    outfile: "index.js",
    logLevel: "silent",
    // The list of files read, so that a later call can tell whether any of them changed.
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const digest = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const folder = path.join(BUNDLE_ROOT, `${path.basename(path.dirname(entry))}-${digest}`);
  if (!existsSync(path.join(folder, "index.js"))) {
    mkdirSync(folder, { recursive: true });
    const temporary = path.join(folder, `index.js.${process.pid}.tmp`);
    writeFileSync(temporary, code);
    renameSync(temporary, path.join(folder, "index.js"));
  }
  // esbuild names inputs relative to its working directory, the process's.
  const inputs = new Map(Object.keys(result.metafile.inputs).map((input) => [path.resolve(input), fileDigest(path.resolve(input))]));
  builtBundles.set(entry, { folder, inputs });
  return folder;
}

/** Whether every file still has the content it had. */
function unchanged(inputs: ReadonlyMap<string, string>): boolean {
  for (const [file, digest] of inputs) {
    if (!existsSync(file) || fileDigest(file) !== digest) {
      return false;
    }
  }
  return true;
}

function fileDigest(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The Lambda runtime the bundles are built for. */
export const DEFAULT_RUNTIME = "nodejs22.x";
