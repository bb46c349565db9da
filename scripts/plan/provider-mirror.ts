import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";

/** The environment variable that names the provider mirror folder for air-gapped plans. */
export const PROVIDER_MIRROR_ENV = "TERRAFORM_PROVIDER_MIRROR";

/** The registry host every provider of this stack comes from. */
const REGISTRY = "registry.terraform.io";

/**
 * Where a mirror is looked for when {@link PROVIDER_MIRROR_ENV} is not set: the machine image's folder,
 * then Terraform's own implied local mirror folders on Linux and macOS.
 *
 * @see https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories
 */
export function defaultMirrorCandidates(home: string): string[] {
  return [
    "/opt/tf-plugins",
    path.join(home, ".terraform.d", "plugins"),
    path.join(home, ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ];
}

/**
 * Whether `mirrorDir` holds any version of `provider` (`hashicorp/aws`), in either layout Terraform reads:
 * unpacked (`<host>/<ns>/<type>/<version>/<os_arch>/`) or packed (`<host>/<ns>/<type>/terraform-provider-<type>_<version>_<os_arch>.zip`).
 */
export function mirrorHasProvider(mirrorDir: string, provider: string): boolean {
  const [namespace, type] = provider.split("/");
  const providerDir = path.join(mirrorDir, REGISTRY, namespace, type);
  if (!isDirectory(providerDir)) {
    return false;
  }
  return readdirSync(providerDir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory()
      ? readdirSync(path.join(providerDir, entry.name)).length > 0
      : entry.name.startsWith(`terraform-provider-${type}_`) && entry.name.endsWith(".zip"),
  );
}

/** The mirror to use, and how it was found. */
export interface FoundMirror {
  readonly dir: string;
  readonly from: "environment" | "discovered";
}

/**
 * The provider mirror: the folder named by {@link PROVIDER_MIRROR_ENV} if set, else the first candidate
 * that holds `hashicorp/aws`.
 *
 * @throws if the environment names a folder without `hashicorp/aws`: a wrong setting must not fall back
 *   silently to a registry the job cannot reach.
 */
export function findProviderMirror(
  env: Readonly<Record<string, string | undefined>>,
  candidates: readonly string[],
): FoundMirror | undefined {
  const configured = env[PROVIDER_MIRROR_ENV];
  if (configured !== undefined && configured !== "") {
    const dir = path.resolve(configured);
    if (!mirrorHasProvider(dir, "hashicorp/aws")) {
      throw new Error(
        `${PROVIDER_MIRROR_ENV} must name a provider mirror folder holding ${REGISTRY}/hashicorp/aws, got ${JSON.stringify(configured)}`,
      );
    }
    return { dir, from: "environment" };
  }
  const dir = candidates.find((candidate) => mirrorHasProvider(candidate, "hashicorp/aws"));
  return dir === undefined ? undefined : { dir, from: "discovered" };
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
