import { PlanJson } from "../../../scripts/plan/plan-json";

/**
 * One module of a plan seen as a plan of its own: only that module's resources and changes, their
 * addresses relative to the module (`aws_x.y`, not `module.<name>.aws_x.y`), so the assertions written
 * for a stack planned alone read the same when several stacks are planned together as modules of one
 * configuration. Without `name`, the root module (its child modules left out).
 *
 * @throws if the plan has no such module: a view of nothing would let every assertion over it pass.
 */
export function modulePlan(plan: PlanJson, name?: string): PlanJson {
  const address = name === undefined ? undefined : `module.${name}`;
  const relative = (full: string): string => (address === undefined ? full : full.slice(address.length + 1));
  const planned = address === undefined ? plan.planned_values.root_module : plan.planned_values.root_module.child_modules?.find((m) => m.address === address);
  const configured = name === undefined ? plan.configuration.root_module : plan.configuration.root_module.module_calls?.[name]?.module;
  if (planned === undefined || configured === undefined) {
    throw new Error(`the plan has no module ${address ?? "(root)"}`);
  }
  return {
    format_version: plan.format_version,
    planned_values: { root_module: { resources: (planned.resources ?? []).map((r) => ({ ...r, address: relative(r.address) })) } },
    resource_changes: (plan.resource_changes ?? []).filter((c) => c.module_address === address).map((c) => ({ ...c, address: relative(c.address) })),
    configuration: { root_module: { resources: configured.resources ?? [] } },
  };
}
