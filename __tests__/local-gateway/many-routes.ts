import * as path from "node:path";

/**
 * A copy of a synthesized stack with many more routes, for tests and the benchmark's "100-route API" figure: the
 * shapes a route library synthesizes (shared path prefixes, `{param}`, `{proxy+}`, several methods and
 * `ANY`), each authorized and integrated like the stack's first CUSTOM method.
 */

type Json = Record<string, unknown>;

const METHODS = ["GET", "PUT", "DELETE", "PATCH", "ANY"] as const;

/** The stack with routes added until it has `routeCount` methods; the original routes are kept as they are. */
export function withManyRoutes(stack: Json, routeCount: number): Json {
  const copy = JSON.parse(JSON.stringify(stack)) as Json;
  const resource = copy.resource as Record<string, Record<string, Json>>;
  const methods = resource.aws_api_gateway_method;
  const integrations = resource.aws_api_gateway_integration;
  const resources = (resource.aws_api_gateway_resource ??= {});
  const [templateName, template] = Object.entries(methods).find(([, method]) => method.authorization === "CUSTOM") ?? [];
  const templateIntegration = Object.values(integrations).find((integration) => String(integration.http_method).includes(`aws_api_gateway_method.${templateName}.`));
  if (template === undefined || templateIntegration === undefined) {
    throw new Error("the stack has no CUSTOM method with an integration to copy");
  }
  const restApiId = template.rest_api_id;
  const rootId = String(restApiId).replace(/\.id\}$/, ".root_resource_id}");
  let count = Object.keys(methods).length;
  const addResource = (name: string, parentId: unknown, pathPart: string): string => {
    resources[name] = { rest_api_id: restApiId, parent_id: parentId, path_part: pathPart };
    return `\${aws_api_gateway_resource.${name}.id}`;
  };
  const addMethod = (name: string, resourceId: string, httpMethod: string): void => {
    if (count >= routeCount) {
      return;
    }
    count += 1;
    methods[name] = { ...strip(template), http_method: httpMethod, resource_id: resourceId };
    integrations[name] = { ...strip(templateIntegration), resource_id: resourceId, http_method: `\${aws_api_gateway_method.${name}.http_method}` };
  };
  for (let group = 0; count < routeCount; group += 1) {
    const prefix = addResource(`bench_api${group}`, rootId, `api${group}`);
    addMethod(`bench_api${group}_get`, prefix, "GET");
    const item = addResource(`bench_api${group}_id`, prefix, "{id}");
    addMethod(`bench_api${group}_id`, item, METHODS[group % METHODS.length]);
    const rest = addResource(`bench_api${group}_rest`, item, group % 4 === 3 ? "{proxy+}" : "items");
    addMethod(`bench_api${group}_rest`, rest, group % 4 === 3 ? "ANY" : "POST");
  }
  return copy;
}

/** A resource without CDKTF's metadata comment. */
function strip(block: Json): Json {
  const { "//": _metadata, ...rest } = block;
  return rest;
}

/**
 * The stack made servable from another folder: `\${path.module}` in archive sources (which Terraform
 * resolves against the stack's folder) becomes that folder's absolute path.
 */
export function relocated(stack: Json, stackDir: string): Json {
  const copy = JSON.parse(JSON.stringify(stack)) as Json;
  const archives = ((copy.data as Record<string, Record<string, Json>> | undefined)?.archive_file ?? {}) as Record<string, Json>;
  for (const archive of Object.values(archives)) {
    if (typeof archive.source_dir === "string") {
      archive.source_dir = archive.source_dir.replace("${path.module}", path.resolve(stackDir));
    }
  }
  return copy;
}
