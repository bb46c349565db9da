import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { renderCliConfig } from "../plan/cli-config";
import { defaultMirrorCandidates, findProviderMirror, mirrorHasProvider, PROVIDER_MIRROR_ENV } from "../plan/provider-mirror";
import { mirrorInstructions } from "./mirror-instructions";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const CLI_CONFIG = path.join(PROJECT_DIR, ".build", "terraform-mirror.rc");
/** The providers the stack requires (cdktf.out/stacks/authorized-api/cdk.tf.json `required_providers`). */
const STACK_PROVIDERS = ["hashicorp/aws", "hashicorp/archive"];

/**
 * `npm run mirror-config`: writes a Terraform CLI configuration that installs providers from the mirror
 * only, and prints how to run `npx cdktf diff` / `deploy` with it. See docs/terraform-plan.md.
 */
function main(): number {
  if (process.argv.slice(2).some((arg) => arg === "--help" || arg === "-h")) {
    process.stdout.write(`Usage: npm run mirror-config\n\nWrites ${path.relative(PROJECT_DIR, CLI_CONFIG)} for the mirror in ${PROVIDER_MIRROR_ENV} (else the usual folders)\nand prints how to run the cdktf CLI with it.\n`);
    return 0;
  }
  if (process.argv.length > 2) {
    process.stderr.write(`mirror-config: unknown argument ${JSON.stringify(process.argv[2])} (see --help)\n`);
    return 2;
  }
  const found = findProviderMirror(process.env, defaultMirrorCandidates(homedir()));
  if (found === undefined) {
    process.stderr.write(
      `mirror-config: no provider mirror: set ${PROVIDER_MIRROR_ENV} to a folder written by \`terraform providers mirror\` (none of ${defaultMirrorCandidates(homedir()).join(", ")} holds hashicorp/aws)\n`,
    );
    return 1;
  }
  mkdirSync(path.dirname(CLI_CONFIG), { recursive: true });
  writeFileSync(CLI_CONFIG, renderCliConfig({ mirrorDir: found.dir }));
  const providers = STACK_PROVIDERS.map((name) => ({ name, inMirror: mirrorHasProvider(found.dir, name) }));
  process.stdout.write(`${mirrorInstructions({ cliConfigPath: CLI_CONFIG, mirrorDir: found.dir, from: found.from, providers }).join("\n")}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  process.stderr.write(`mirror-config: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
