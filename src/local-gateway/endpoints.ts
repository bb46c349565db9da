import type { ResourceModel, StackModel } from "./stack/stack-model";

/**
 * One line per method of every stage, for the start-up banner:
 * `GET     http://127.0.0.1:3000/prod/test  (authorizer Api-request-authorizer, AWS_PROXY Api-backend)`.
 */
export function endpointLines(model: StackModel, baseUrl: string): string[] {
  const lines: string[] = [];
  const visit = (resource: ResourceModel): void => {
    for (const [httpMethod, method] of resource.methods) {
      const authorizer = method.authorizerAddress === undefined ? "no authorizer" : `authorizer ${model.authorizers.get(method.authorizerAddress)?.name ?? method.authorizerAddress}`;
      const integration =
        method.integration.type === "MOCK" ? "MOCK" : `AWS_PROXY ${model.functions.get(method.integration.functionAddress)?.functionName ?? method.integration.functionAddress}`;
      for (const stage of model.stages) {
        lines.push(`  ${httpMethod.padEnd(7)} ${baseUrl}/${stage.name}${resource.path === "/" ? "/" : resource.path}  (${authorizer}, ${integration})`);
      }
    }
    resource.children.forEach(visit);
  };
  visit(model.root);
  return lines;
}
