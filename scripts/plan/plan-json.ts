/** The parts of `terraform show -json <plan>` this project reads. */
export interface PlanJson {
  readonly format_version: string;
  readonly planned_values: { readonly root_module: PlannedModule };
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration: { readonly root_module: ConfiguredModule };
}

/** One module's planned resources; a child module's addresses start with its `address` (`module.<name>.`). */
export interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

/** One module's configuration, its resource addresses relative to the module. */
export interface ConfiguredModule {
  readonly resources?: readonly { readonly address: string; readonly mode: string; readonly type: string }[];
  readonly module_calls?: Readonly<Record<string, { readonly module: ConfiguredModule }>>;
}

/** A resource's planned values. */
export interface PlannedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A resource's planned change. */
export interface ResourceChange {
  readonly address: string;
  /** The module the resource is in (`module.<name>`); absent in the root module. */
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly change: { readonly actions: readonly string[] };
}

/** How many resources each action touches, and which. */
export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly unchanged: number;
}

/** Counts the managed resources of a plan by action, as `terraform plan` prints them. */
export function countChanges(plan: PlanJson): PlanCounts {
  const counts = { create: 0, update: 0, replace: 0, delete: 0, unchanged: 0 };
  for (const change of plan.resource_changes ?? []) {
    if (change.mode !== "managed") {
      continue;
    }
    const actions = change.change.actions.join(",");
    if (actions === "create") counts.create += 1;
    else if (actions === "update") counts.update += 1;
    else if (actions === "delete") counts.delete += 1;
    else if (actions === "create,delete" || actions === "delete,create") counts.replace += 1;
    else counts.unchanged += 1;
  }
  return counts;
}

/** The planned values of the resource at `address`. */
export function plannedValues(plan: PlanJson, address: string): Readonly<Record<string, unknown>> {
  const resource = (plan.planned_values.root_module.resources ?? []).find((r) => r.address === address);
  if (resource === undefined) {
    throw new Error(`the plan has no resource ${address}`);
  }
  return resource.values;
}

/** A warning or error as Terraform's machine-readable UI reports it. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
}

/**
 * The diagnostics among the lines `terraform plan -json` streams. A plan validates the configuration
 * first, so these are the warnings (and, had it failed, the errors) `terraform validate -json` reports —
 * without the second start of the AWS provider a separate validate costs (about 3 s of CPU each).
 * A line that is not JSON is an error: the output is not what `-json` promises.
 */
export function streamedDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [index, line] of output.split("\n").entries()) {
    if (line.trim() === "") {
      continue;
    }
    let message: { type?: unknown; diagnostic?: Diagnostic };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      throw new Error(`line ${index + 1} of terraform's -json output is not JSON: ${line.slice(0, 120)}`);
    }
    if (message.type === "diagnostic" && message.diagnostic !== undefined) {
      diagnostics.push(message.diagnostic);
    }
  }
  return diagnostics;
}
