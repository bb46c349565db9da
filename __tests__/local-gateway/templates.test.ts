import { renderTemplate, templateProblems } from "../../src/local-gateway/render/templates";

const context = new Map([
  ["requestId", "req-1"],
  ["error.messageString", '"Unauthorized"'],
  ["authorizer.user", "alice"],
]);

describe("templateProblems", () => {
  test("$context and $stageVariables references in every notation are accepted", () => {
    expect(templateProblems('{"m":$context.error.messageString,"id":"${context.requestId}","q":"$!context.requestId","s":"$stageVariables.x"}', "t")).toEqual([]);
  });

  test("a static JSON body with a literal dollar amount is accepted", () => {
    expect(templateProblems('{"price":"$5"}', "t")).toEqual([]);
  });

  test("VTL directives are refused, naming the directive", () => {
    expect(templateProblems("#if($context.requestId)x#end", "t")).toEqual([
      't uses the VTL directive "#if"; the local gateway substitutes only $context and $stageVariables variables',
    ]);
  });

  test("$input, $util and unknown $context variables are refused", () => {
    expect(templateProblems('{"a":"$input.body","b":"$util.escapeJavaScript(x)","c":"$context.nothing"}', "t")).toEqual([
      "t uses $context.nothing, which the local gateway does not provide",
      't uses "$input.body"; only $context.* and $stageVariables.* are substituted locally',
      't uses "$util.escapeJavaScript(x)"; only $context.* and $stageVariables.* are substituted locally',
    ]);
  });
});

describe("renderTemplate", () => {
  test("substitutes context and stage variables in every notation", () => {
    expect(renderTemplate('{"m":$context.error.messageString,"id":"${context.requestId}","u":"$!context.authorizer.user","s":"$stageVariables.env"}', context, { env: "dev" })).toBe(
      '{"m":"Unauthorized","id":"req-1","u":"alice","s":"dev"}',
    );
  });

  test("an undefined variable renders as nothing", () => {
    expect(renderTemplate('"$context.authorizer.missing|$stageVariables.none"', context, {})).toBe('"|"');
  });
});
