/** The parts of `terraform show -json <plan>` this project reads. */
export interface PlanJson {
  readonly format_version: string;
  readonly planned_values: { readonly root_module: { readonly resources?: readonly PlannedResource[] } };
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration: {
    readonly root_module: { readonly resources?: readonly { readonly address: string; readonly mode: string; readonly type: string }[] };
  };
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
