import { buildSync } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import type * as GatewayEntry from "./gateway-entry";
import { StartError } from "./start-error";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * The local gateway (gateway-entry.ts) as `npm start` runs it: bundled by esbuild into one plain JavaScript
 * file and loaded from it, rather than each module compiled on load by tsx.
 *
 * Why: tsx compiles with esbuild's `keepNames`, which wraps every function created at run time in a call
 * that names it. The request path creates closures on every request, and measured under load the wrapped
 * gateway needed 86.5 µs of its main thread per request on the 200 path against 81.3 for the bundle
 * (docs/local-gateway.md, Speed). Bundling and loading took 39–53 ms.
 *
 * The file is written under `node_modules/.cache`, where the gateway's own `require`s of packages resolve
 * as from the project, and removed as soon as it is loaded: each start bundles its own, so two instances
 * never share one. An inline source map keeps stack traces pointing at the TypeScript sources.
 */
export function loadBundledGateway(): typeof GatewayEntry {
  const folder = path.join(PROJECT_DIR, "node_modules", ".cache", "local-gateway");
  const file = path.join(folder, `gateway-${process.pid}-${Date.now()}.js`);
  try {
    mkdirSync(folder, { recursive: true });
    buildSync({
      entryPoints: [path.join(__dirname, "gateway-entry.ts")],
      outfile: file,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      packages: "external",
      sourcemap: "inline",
      logLevel: "silent",
    });
  } catch (error: unknown) {
    throw new StartError(`could not bundle the local gateway into ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    process.setSourceMapsEnabled(true);
    return require(file) as typeof GatewayEntry;
  } finally {
    rmSync(file, { force: true });
  }
}
