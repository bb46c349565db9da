import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
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

/** `npm pack` of the repository (its `prepare` builds dist/) into `destination`; returns the tarball's path. */
export function packRepository(destination: string): string {
  const output = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", destination], REPO)) as { filename: string }[];
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
