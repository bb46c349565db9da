import type { ResourceModel } from "./stack-model";
import { blocksOfType } from "./stack-json";
import type { StackReader } from "./stack-reader";
import { computedToken } from "./terraform-references";

const LITERAL_PART = /^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/;
const PARAM_PART = /^\{[A-Za-z0-9_.-]+\}$/;
const GREEDY_PART = /^\{[A-Za-z0-9_.-]+\+\}$/;

/**
 * The API's resource tree from `aws_api_gateway_resource` blocks, rooted at the REST API's root resource,
 * each with its full path. Path parts are literals, `{param}` or a last `{proxy+}`; one variable child per
 * resource, as API Gateway allows.
 */
export function parseResourceTree(reader: StackReader): ResourceModel {
  const rootAddress = computedToken(reader.restAddress, "root_resource_id");
  const root: ResourceModel = { address: rootAddress, pathPart: "", path: "/", children: [], methods: new Map() };
  const nodes = new Map<string, { model: ResourceModel; parent: string }>();
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_resource")) {
    const pathPart = reader.text(block, "path_part", address) ?? "";
    if (!LITERAL_PART.test(pathPart) && !PARAM_PART.test(pathPart) && !GREEDY_PART.test(pathPart)) {
      reader.problems.push(`${address}.path_part must be a literal, {param} or {proxy+}, got ${JSON.stringify(pathPart)}`);
    }
    const parent = reader.resolve(block.parent_id, `${address}.parent_id`) ?? "";
    nodes.set(address, { model: { address, pathPart, path: "", children: [], methods: new Map() }, parent });
  }
  const attach = (node: ResourceModel): void => {
    for (const [, entry] of nodes) {
      if (entry.parent === node.address) {
        const child = { ...entry.model, path: node.path === "/" ? `/${entry.model.pathPart}` : `${node.path}/${entry.model.pathPart}` };
        entry.model = child;
        node.children.push(child);
        attach(child);
      }
    }
  };
  attach(root);
  for (const [address, entry] of nodes) {
    if (entry.model.path === "") {
      reader.problems.push(`${address}.parent_id ${JSON.stringify(entry.parent)} is neither the API's root resource nor another resource of it`);
    }
  }
  const checkSiblings = (node: ResourceModel): void => {
    const variable = node.children.filter((child) => child.pathPart.startsWith("{"));
    if (variable.length > 1) {
      reader.problems.push(`${node.path} has several variable children (${variable.map((c) => c.pathPart).join(", ")}); API Gateway allows one`);
    }
    const greedy = node.children.find((child) => GREEDY_PART.test(child.pathPart));
    if (greedy && greedy.children.length > 0) {
      reader.problems.push(`${greedy.path} is greedy and cannot have child resources`);
    }
    node.children.forEach(checkSiblings);
  };
  checkSiblings(root);
  return root;
}

