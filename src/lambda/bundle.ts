import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";

/** Where bundles are written (under the project that synthesizes) before CDKTF copies them into the stack folder. */
const BUNDLE_ROOT = path.resolve(process.cwd(), ".build", "lambda-bundles");

/** The Node.js version the bundles target; matches {@link DEFAULT_RUNTIME}. */
const NODE_TARGET = "node22";

/**
 * Bundles one TypeScript handler with esbuild into a folder holding `index.js` only.
 *
 * The folder is named after the bundle's content hash, so parallel synths (jest workers) never write to
 * the same file, and an unchanged handler yields the same folder — hence the same asset and the same zip.
 *
 * @returns the absolute path of the folder.
 */
export function bundleHandler(entry: string): string {
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
  return folder;
}

/** The Lambda runtime the bundles are built for. */
export const DEFAULT_RUNTIME = "nodejs22.x";
