import { ContextValues, isKnownContextVariable } from "./request-context";

/**
 * Mapping templates as API Gateway applies them to gateway responses and MOCK integration responses:
 * substitution of `$context.*` and `$stageVariables.*` (also `${…}` and quiet `$!…` forms), not full VTL.
 * A template that uses anything else is refused at start-up rather than rendered wrongly.
 */

const REFERENCE = /\$!?(?:\{(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+)\}|(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+))/g;
const ANY_VARIABLE = /\$!?\{?[A-Za-z_]/g;
const DIRECTIVE = /#(set|if|elseif|else|end|foreach|macro|parse|include|define|break|stop|evaluate)\b/;

/** Problems with a template; `where` names it in the messages. */
export function templateProblems(template: string, where: string): string[] {
  const problems: string[] = [];
  const directive = DIRECTIVE.exec(template);
  if (directive) {
    problems.push(`${where} uses the VTL directive ${JSON.stringify(directive[0])}; the local gateway substitutes only $context and $stageVariables variables`);
  }
  const supported = new Set<number>();
  for (const match of template.matchAll(REFERENCE)) {
    supported.add(match.index ?? -1);
    const scope = match[1] ?? match[3];
    const name = (match[2] ?? match[4]).slice(1);
    if (scope === "context" && !isKnownContextVariable(name)) {
      problems.push(`${where} uses $context.${name}, which the local gateway does not provide`);
    }
  }
  for (const match of template.matchAll(ANY_VARIABLE)) {
    if (!supported.has(match.index ?? -1)) {
      const rest = template.slice(match.index).split(/[\s"',}]/)[0];
      problems.push(`${where} uses ${JSON.stringify(rest)}; only $context.* and $stageVariables.* are substituted locally`);
    }
  }
  return problems;
}

/** Renders a validated template; an undefined variable renders as nothing. */
export function renderTemplate(
  template: string,
  context: ContextValues,
  stageVariables: Readonly<Record<string, string>>,
): string {
  return template.replace(REFERENCE, (_whole, bracedScope?: string, bracedName?: string, scope?: string, dotted?: string) => {
    const name = (bracedName ?? dotted ?? "").slice(1);
    scope = bracedScope ?? scope;
    return (scope === "context" ? context.get(name) : stageVariables[name]) ?? "";
  });
}
