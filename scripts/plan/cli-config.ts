/** Options of {@link renderCliConfig}. */
export interface CliConfigOptions {
  /** A provider mirror folder (`registry.terraform.io/<namespace>/<type>/...`), packed or unpacked. */
  readonly mirrorDir: string;
}

/**
 * A Terraform CLI configuration that installs every provider from `mirrorDir` and from nowhere else.
 *
 * There is deliberately no `direct {}` block: in an air-gapped job a provider missing from the mirror must
 * fail `terraform init` at once, not hang on a registry that cannot be reached.
 *
 * @see https://developer.hashicorp.com/terraform/cli/config/config-file#provider-installation
 */
export function renderCliConfig(options: CliConfigOptions): string {
  return [
    "# Written by scripts/plan: providers are installed from this mirror only, never from a registry.",
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${hclString(options.mirrorDir)}`,
    `    include = ["registry.terraform.io/*/*"]`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/** A quoted HCL string: quotes and backslashes escaped, and `${`/`%{` kept literal rather than templates. */
export function hclString(value: string): string {
  if (/[\r\n]/.test(value)) {
    throw new Error(`a Terraform CLI config string cannot hold a line break, got ${JSON.stringify(value)}`);
  }
  const escaped = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{");
  return `"${escaped}"`;
}
