import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const REPO = path.resolve(__dirname, "..", "..", "..");

/**
 * The packages a consumer brings itself, linked from this repository's node_modules rather than copied or
 * downloaded: the peer dependencies (the AWS provider alone is over 300 MB unpacked), esbuild (the
 * package's one dependency, whose registry metadata an offline install would not find in npm's cache) and
 * the Node.js types for the consumer's type-check.
 */
const LINKED = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-archive", "esbuild", "@types/node"];

/** Runs a command, returning stdout; a failure throws with the command's stderr. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error: unknown) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${typeof stderr === "string" ? stderr : String(error)}`);
  }
}

/**
 * Top-level folders left out of the copy {@link packRepository} packs: dependencies, git, and build and tool
 * output that is never in the package (`files` is `dist/`, built afresh into the copy).
 */
const NOT_COPIED = new Set(["node_modules", ".git", "dist", "cdktf.out", ".build", ".gen", "coverage", "artifacts", ".stryker-tmp", "reports"]);

/**
 * The package as `npm pack` makes it, into `destination`; returns the tarball's path.
 *
 * npm packs a copy of the repository, sources, tests and Lambdas included, without `node_modules`: in the
 * repository itself `npm pack` first reads every installed package's manifest (npm's Arborist loads the
 * whole tree to find bundled dependencies), 2–2.5 s of CPU for a package that bundles none. The copy's
 * `dist/` is compiled as the package's `prepare` builds it (`npm run build`: `tsc -p tsconfig.build.json`,
 * into an empty folder), and npm decides what goes in, from `files` and its own rules, as it does when
 * publishing.
 */
export function packRepository(destination: string): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as Record<string, unknown>;
  if (manifest.bundleDependencies !== undefined || manifest.bundledDependencies !== undefined) {
    throw new Error("package.json bundles dependencies: packing a copy without node_modules would leave them out");
  }
  const copy = path.join(destination, "package-source");
  cpSync(REPO, copy, { recursive: true, filter: (source) => path.dirname(source) !== REPO || !NOT_COPIED.has(path.basename(source)) });
  run(path.join(REPO, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json", "--outDir", path.join(copy, "dist")], REPO);
  const output = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], copy)) as { filename: string }[];
  return path.join(destination, output[0].filename);
}

/**
 * A project in `dir` that depends on the tarball and on the linked packages, installed by npm without the
 * network. `--legacy-peer-deps` leaves the peers to the links, as a consumer's own copies.
 */
export function installConsumer(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  const dependencies: Record<string, string> = { "cdktf-secure-rest-api": `file:${tarball}` };
  for (const name of LINKED) {
    dependencies[name] = `file:${path.join(REPO, "node_modules", name)}`;
  }
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "readme-consumer", private: true, dependencies }, null, 2)}\n`);
  run("npm", ["install", "--offline", "--legacy-peer-deps", "--no-audit", "--no-fund", "--loglevel=error"], dir);
}
