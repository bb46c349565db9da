import { jobSummary } from "../../scripts/plan/job-summary";
import { countChanges, PlanJson, plannedValues, streamedDiagnostics } from "../../scripts/plan/plan-json";

function planWith(actions: readonly (readonly string[])[]): PlanJson {
  return {
    format_version: "1.2",
    planned_values: { root_module: { resources: [{ address: "aws_x.a", mode: "managed", type: "aws_x", name: "a", values: { v: 1 } }] } },
    resource_changes: [
      ...actions.map((a, i) => ({ address: `aws_x.r${i}`, mode: "managed" as const, type: "aws_x", change: { actions: a } })),
      { address: "data.aws_y.d", mode: "data" as const, type: "aws_y", change: { actions: ["read"] } },
    ],
    configuration: { root_module: {} },
  };
}

describe("plan JSON", () => {
  test("counts managed resources by action, replacements once, and ignores data sources", () => {
    const counts = countChanges(planWith([["create"], ["create"], ["update"], ["delete", "create"], ["create", "delete"], ["delete"], ["no-op"]]));

    expect(counts).toEqual({ create: 2, update: 1, replace: 2, delete: 1, unchanged: 1 });
  });

  test("finds a resource's planned values by address, and says which is missing", () => {
    const plan = planWith([]);

    expect(plannedValues(plan, "aws_x.a")).toEqual({ v: 1 });
    expect(() => plannedValues(plan, "aws_x.b")).toThrow("the plan has no resource aws_x.b");
  });

  test("the job summary states the mode and the counts and folds the plan in a fence longer than any backtick run inside", () => {
    const summary = jobSummary(["Lambda zips: built here."], { create: 3, update: 0, replace: 0, delete: 0, unchanged: 0 }, "a ```` b\n");

    expect(summary).toContain("- Lambda zips: built here.");
    expect(summary).toContain("**3 to add, 0 to change, 0 to replace, 0 to destroy.**");
    expect(summary).toContain("<details><summary>Plan</summary>");
    expect(summary).toContain("`````terraform\na ```` b\n`````");
  });

  test("reads the warnings and errors out of terraform plan -json's streamed lines, and nothing else", () => {
    // Shapes as Terraform 1.11 prints them (`terraform plan -json`): a version line, a diagnostic, a summary.
    const output = [
      '{"@level":"info","@message":"Terraform 1.11.4","type":"version","terraform":"1.11.4","ui":"1.2"}',
      '{"@level":"warn","@message":"Warning: Argument is deprecated","type":"diagnostic","diagnostic":{"severity":"warning","summary":"Argument is deprecated","detail":"use x"}}',
      '{"@level":"info","@message":"Plan: 46 to add, 0 to change, 0 to destroy.","type":"change_summary","changes":{"add":46}}',
      "",
    ].join("\n");

    expect(streamedDiagnostics(output)).toEqual([{ severity: "warning", summary: "Argument is deprecated", detail: "use x" }]);
    expect(streamedDiagnostics('{"type":"change_summary"}\n')).toEqual([]);
  });

  test("refuses output that is not terraform's JSON lines, naming the line", () => {
    expect(() => streamedDiagnostics('{"type":"version"}\nPlan: 1 to add')).toThrow("line 2 of terraform's -json output is not JSON: Plan: 1 to add");
  });
});
