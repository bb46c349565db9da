import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isResponseType } from "../gateway-responses/response-type";
import { parseHeaderMappings } from "./header-mappings";
import { parseIdentitySources } from "./identity-sources";
import { DEFAULT_LOCAL_REGION, LOCAL_ACCOUNT_ID, localApiId } from "./local-ids";
import { parseFunction } from "./parse-function";
import type {
  AuthorizerModel,
  FunctionModel,
  GatewayResponseModel,
  IntegrationModel,
  MethodModel,
  MockResponseModel,
  ResourceModel,
  StackModel,
  StageModel,
} from "./stack-model";
import { asObject, blockAt, blocksOfType, readStackJson, StackJson } from "./stack-json";
import { StackError } from "./stack-error";
import { templateProblems } from "./templates";
import { Address, computedToken, referencedAddresses, resolveString, ResourceBlock } from "./terraform-references";

/** API Gateway resource types the local gateway serves. */
const SERVED_TYPES = new Set([
  "aws_api_gateway_rest_api",
  "aws_api_gateway_resource",
  "aws_api_gateway_method",
  "aws_api_gateway_integration",
  "aws_api_gateway_method_response",
  "aws_api_gateway_integration_response",
  "aws_api_gateway_authorizer",
  "aws_api_gateway_gateway_response",
  "aws_api_gateway_deployment",
  "aws_api_gateway_stage",
]);

/** Types that do not change what a client receives locally; each is named once at start-up. */
const NOTED_TYPES: Readonly<Record<string, string>> = {
  aws_api_gateway_account: "the account-level CloudWatch role is not used locally",
  aws_api_gateway_method_settings: "method settings (throttling, caching, logging) are not emulated",
  aws_api_gateway_domain_name: "custom domain names are not served; use the local URL",
  aws_api_gateway_base_path_mapping: "base path mappings are not served; use the local URL",
  aws_api_gateway_documentation_part: "documentation has no effect on requests",
  aws_api_gateway_documentation_version: "documentation has no effect on requests",
  aws_api_gateway_model: "models have no effect without a request validator",
  aws_api_gateway_usage_plan: "usage-plan throttling and quotas are not emulated",
  aws_api_gateway_client_certificate: "client certificates are used only towards HTTP backends",
};

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"]);
const LITERAL_PART = /^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/;
const PARAM_PART = /^\{[A-Za-z0-9_.-]+\}$/;
const GREEDY_PART = /^\{[A-Za-z0-9_.-]+\+\}$/;
/** API Gateway's maximum integration timeout without a quota increase. */
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29000;
const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;

/**
 * Reads the synthesized Terraform JSON (the file `terraform plan` reads) into the model the local gateway
 * serves. Function bundles are resolved relative to the file's folder, as Terraform resolves
 * `${path.module}`.
 *
 * @throws StackError listing every problem, when the stack uses anything the local gateway cannot serve
 *   faithfully.
 */
export function loadStack(stackJsonPath: string): StackModel {
  let text: string;
  try {
    text = readFileSync(stackJsonPath, "utf8");
  } catch (error: unknown) {
    throw new StackError(stackJsonPath, [`the file cannot be read (${error instanceof Error ? error.message : String(error)}); run \`npm run synth\` first`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new StackError(stackJsonPath, [`the file is not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  return parseStack(json, path.dirname(path.resolve(stackJsonPath)), stackJsonPath);
}

/** {@link loadStack} for JSON already in memory. */
export function parseStack(json: unknown, stackDir: string, stackJsonPath = "the stack"): StackModel {
  const problems: string[] = [];
  const notes: string[] = [];
  const stack = readStackJson(json, problems);
  const context = new ParseContext(stack, stackDir, problems, notes);
  const model = context.parse();
  if (problems.length > 0 || model === undefined) {
    throw new StackError(stackJsonPath, problems.length > 0 ? problems : ["nothing to serve"]);
  }
  return model;
}

class ParseContext {
  private readonly functions = new Map<Address, FunctionModel>();
  /** Functions already found unusable, so their problems are reported once. */
  private readonly failedFunctions = new Set<Address>();
  private restAddress = "";

  constructor(
    private readonly stack: StackJson,
    private readonly stackDir: string,
    private readonly problems: string[],
    private readonly notes: string[],
  ) {}

  parse(): StackModel | undefined {
    const apis = blocksOfType(this.stack, "aws_api_gateway_rest_api");
    if (apis.length !== 1) {
      this.problems.push(
        apis.length === 0
          ? "the stack declares no aws_api_gateway_rest_api; there is nothing to serve"
          : `the stack declares ${apis.length} REST APIs (${apis.map(([a]) => a).join(", ")}); the local gateway serves exactly one`,
      );
      return undefined;
    }
    const [restAddress, api] = apis[0];
    this.restAddress = restAddress;
    this.checkResourceTypes();
    if (api.body !== undefined) {
      this.problems.push(`${restAddress}.body (an OpenAPI definition) is not supported; declare resources and methods as Terraform resources`);
    }
    const apiName = this.text(api, "name", restAddress) ?? restAddress;
    const binaryMediaTypes = Array.isArray(api.binary_media_types) ? api.binary_media_types.filter((t): t is string => typeof t === "string") : [];

    const authorizers = this.parseAuthorizers();
    const root = this.parseResources();
    this.parseMethods(root, authorizers);
    const gatewayResponses = this.parseGatewayResponses();
    const stages = this.parseStages();
    const regionValue = this.stack.awsProvider?.region;
    const region = typeof regionValue === "string" && !regionValue.includes("${") ? regionValue : DEFAULT_LOCAL_REGION;
    if (region !== regionValue) {
      this.notes.push(`the aws provider names no literal region; ARNs use ${region}`);
    }
    return {
      apiName,
      apiId: localApiId(restAddress),
      region,
      accountId: LOCAL_ACCOUNT_ID,
      root,
      stages,
      authorizers,
      functions: this.functions,
      gatewayResponses,
      binaryMediaTypes,
      notes: this.notes,
    };
  }

  private checkResourceTypes(): void {
    for (const [type, blocks] of this.stack.resources) {
      if (!type.startsWith("aws_api_gateway_")) {
        continue;
      }
      if (SERVED_TYPES.has(type)) {
        for (const [name, block] of blocks) {
          for (const meta of ["count", "for_each", "dynamic"]) {
            if (block[meta] !== undefined) {
              this.problems.push(`${type}.${name} uses ${meta}; the local gateway reads only single, static blocks`);
            }
          }
          const api = block.rest_api_id;
          if (type !== "aws_api_gateway_rest_api" && api !== undefined && this.resolve(api, `${type}.${name}.rest_api_id`) !== this.restAddress) {
            this.problems.push(`${type}.${name}.rest_api_id must reference ${this.restAddress}, got ${JSON.stringify(api)}`);
          }
        }
      } else if (NOTED_TYPES[type] !== undefined) {
        this.notes.push(`${type}: ${NOTED_TYPES[type]}`);
      } else {
        this.problems.push(`${type} (${[...blocks.keys()].join(", ")}) is not supported by the local gateway, which would otherwise ignore it`);
      }
    }
  }

  private parseResources(): ResourceModel {
    const rootAddress = computedToken(this.restAddress, "root_resource_id");
    const root: ResourceModel = { address: rootAddress, pathPart: "", path: "/", children: [], methods: new Map() };
    const nodes = new Map<string, { model: ResourceModel; parent: string }>();
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_resource")) {
      const pathPart = this.text(block, "path_part", address) ?? "";
      if (!LITERAL_PART.test(pathPart) && !PARAM_PART.test(pathPart) && !GREEDY_PART.test(pathPart)) {
        this.problems.push(`${address}.path_part must be a literal, {param} or {proxy+}, got ${JSON.stringify(pathPart)}`);
      }
      const parent = this.resolve(block.parent_id, `${address}.parent_id`) ?? "";
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
        this.problems.push(`${address}.parent_id ${JSON.stringify(entry.parent)} is neither the API's root resource nor another resource of it`);
      }
    }
    const checkSiblings = (node: ResourceModel): void => {
      const variable = node.children.filter((child) => child.pathPart.startsWith("{"));
      if (variable.length > 1) {
        this.problems.push(`${node.path} has several variable children (${variable.map((c) => c.pathPart).join(", ")}); API Gateway allows one`);
      }
      const greedy = node.children.find((child) => GREEDY_PART.test(child.pathPart));
      if (greedy && greedy.children.length > 0) {
        this.problems.push(`${greedy.path} is greedy and cannot have child resources`);
      }
      node.children.forEach(checkSiblings);
    };
    checkSiblings(root);
    return root;
  }

  private parseMethods(root: ResourceModel, authorizers: ReadonlyMap<Address, AuthorizerModel>): void {
    const byAddress = new Map<string, ResourceModel>();
    const index = (node: ResourceModel): void => {
      byAddress.set(node.address, node);
      node.children.forEach(index);
    };
    index(root);
    const integrations = this.parseIntegrations();
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_method")) {
      const resource = byAddress.get(this.resolve(block.resource_id, `${address}.resource_id`) ?? "");
      const httpMethod = (this.text(block, "http_method", address) ?? "").toUpperCase();
      if (resource === undefined) {
        this.problems.push(`${address}.resource_id must reference a resource of ${this.restAddress}, got ${JSON.stringify(block.resource_id)}`);
        continue;
      }
      if (!METHODS.has(httpMethod)) {
        this.problems.push(`${address}.http_method must be one of ${[...METHODS].join(", ")}, got ${JSON.stringify(block.http_method)}`);
        continue;
      }
      if (block.api_key_required === true || block.api_key_required === "true") {
        this.problems.push(`${address}.api_key_required is not supported locally (API keys and usage plans are not emulated)`);
      }
      if (block.request_validator_id !== undefined) {
        this.problems.push(`${address}.request_validator_id is not supported locally (request validation is not emulated)`);
      }
      const authorization = this.text(block, "authorization", address) ?? "";
      let authorizerAddress: Address | undefined;
      if (authorization === "CUSTOM") {
        authorizerAddress = this.resolve(block.authorizer_id, `${address}.authorizer_id`);
        if (authorizerAddress === undefined || !authorizers.has(authorizerAddress)) {
          this.problems.push(`${address}.authorizer_id must reference a Lambda aws_api_gateway_authorizer of the stack, got ${JSON.stringify(block.authorizer_id)}`);
          continue;
        }
      } else if (authorization !== "NONE") {
        this.problems.push(`${address}.authorization ${JSON.stringify(authorization)} is not supported locally; use NONE or CUSTOM (a Lambda authorizer)`);
        continue;
      }
      const integration = integrations.get(`${resource.address} ${httpMethod}`);
      if (integration === undefined) {
        this.problems.push(`${address} (${httpMethod} ${resource.path}) has no aws_api_gateway_integration; API Gateway would refuse to deploy it`);
        continue;
      }
      if (resource.methods.has(httpMethod)) {
        this.problems.push(`${address} repeats ${httpMethod} ${resource.path}`);
        continue;
      }
      const method: MethodModel = { httpMethod, authorization, authorizerAddress, integration };
      resource.methods.set(httpMethod, method);
    }
  }

  /** Integrations keyed by `<resource address> <METHOD>`. */
  private parseIntegrations(): Map<string, IntegrationModel> {
    const result = new Map<string, IntegrationModel>();
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_integration")) {
      const key = this.methodKey(block, address);
      const type = this.text(block, "type", address);
      if (key === undefined) {
        continue;
      }
      if (type === "AWS_PROXY") {
        const [functionAddress] = referencedAddresses(block.uri, "aws_lambda_function", ["invoke_arn", "arn", "qualified_arn", "qualified_invoke_arn"]);
        if (functionAddress === undefined) {
          this.problems.push(`${address}.uri must reference an aws_lambda_function of the stack (its invoke_arn), got ${JSON.stringify(block.uri)}`);
          continue;
        }
        // Recorded even when the function is unusable (that problem is reported once, on its own), so the
        // method is not also reported as having no integration.
        this.functionAt(functionAddress);
        const timeout = block.timeout_milliseconds === undefined ? DEFAULT_INTEGRATION_TIMEOUT_MS : Number(block.timeout_milliseconds);
        if (!Number.isInteger(timeout) || timeout < 50) {
          this.problems.push(`${address}.timeout_milliseconds must be a whole number of at least 50, got ${JSON.stringify(block.timeout_milliseconds)}`);
        }
        result.set(key, { type: "AWS_PROXY", functionAddress, timeoutMilliseconds: timeout });
      } else if (type === "MOCK") {
        const mock = this.parseMock(block, address, key);
        if (mock !== undefined) {
          result.set(key, mock);
        }
      } else {
        this.problems.push(`${address}.type ${JSON.stringify(type)} is not supported locally; supported: AWS_PROXY (Lambda proxy), MOCK`);
      }
    }
    return result;
  }

  private parseMock(block: ResourceBlock, address: Address, key: string): IntegrationModel | undefined {
    const templates = asObject(block.request_templates) ?? {};
    const template = templates["application/json"] ?? Object.values(templates)[0];
    let statusCode = 200;
    if (typeof template === "string") {
      const match = /"statusCode"\s*:\s*(\d{3})/.exec(template);
      if (!match) {
        this.problems.push(`${address}.request_templates must select a status code as {"statusCode": <code>}, got ${JSON.stringify(template)}`);
        return undefined;
      }
      statusCode = Number(match[1]);
    }
    const declared = new Map<number, Set<string>>();
    for (const [responseAddress, response] of blocksOfType(this.stack, "aws_api_gateway_method_response")) {
      if (this.methodKey(response, responseAddress) !== key) {
        continue;
      }
      const code = Number(this.text(response, "status_code", responseAddress));
      const headers = Object.keys(asObject(response.response_parameters) ?? {})
        .filter((name) => name.startsWith("method.response.header."))
        .map((name) => name.slice("method.response.header.".length).toLowerCase());
      declared.set(code, new Set(headers));
    }
    const responses: MockResponseModel[] = [];
    for (const [responseAddress, response] of blocksOfType(this.stack, "aws_api_gateway_integration_response")) {
      if (this.methodKey(response, responseAddress) !== key) {
        continue;
      }
      const code = Number(this.text(response, "status_code", responseAddress));
      const allowed = declared.get(code);
      if (allowed === undefined) {
        this.problems.push(`${responseAddress}.status_code ${code} has no aws_api_gateway_method_response for the same method; API Gateway would refuse it`);
        continue;
      }
      const { mappings, problems } = parseHeaderMappings(response.response_parameters, "method.response.header.", `${responseAddress}.response_parameters`);
      this.problems.push(...problems);
      for (const mapping of mappings) {
        if (!allowed.has(mapping.name.toLowerCase())) {
          this.problems.push(`${responseAddress} maps method.response.header.${mapping.name}, which the method response ${code} does not declare`);
        }
      }
      const responseTemplates = this.templates(response.response_templates, `${responseAddress}.response_templates`);
      const pattern = typeof response.selection_pattern === "string" && response.selection_pattern !== "" ? response.selection_pattern : undefined;
      responses.push({
        statusCode: code,
        selectionPattern: pattern === undefined ? undefined : new RegExp(`^(?:${pattern})$`),
        headers: mappings,
        templates: responseTemplates,
      });
    }
    return { type: "MOCK", statusCode, responses };
  }

  private parseAuthorizers(): Map<Address, AuthorizerModel> {
    const result = new Map<Address, AuthorizerModel>();
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_authorizer")) {
      const type = this.text(block, "type", address) ?? "TOKEN";
      if (type !== "REQUEST" && type !== "TOKEN") {
        this.problems.push(`${address}.type ${JSON.stringify(type)} is not supported locally; supported: REQUEST, TOKEN (Lambda authorizers)`);
        continue;
      }
      const [functionAddress] = referencedAddresses(block.authorizer_uri, "aws_lambda_function", ["invoke_arn", "arn", "qualified_arn", "qualified_invoke_arn"]);
      if (functionAddress === undefined) {
        this.problems.push(`${address}.authorizer_uri must reference an aws_lambda_function of the stack (its invoke_arn), got ${JSON.stringify(block.authorizer_uri)}`);
        continue;
      }
      this.functionAt(functionAddress);
      const identitySource = this.text(block, "identity_source", address) ?? "method.request.header.Authorization";
      const { sources, problems } = parseIdentitySources(identitySource, type, `${address}.identity_source`);
      this.problems.push(...problems);
      const ttl = block.authorizer_result_ttl_in_seconds === undefined ? DEFAULT_AUTHORIZER_TTL_SECONDS : Number(block.authorizer_result_ttl_in_seconds);
      if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
        this.problems.push(`${address}.authorizer_result_ttl_in_seconds must be a whole number from 0 to 3600, got ${JSON.stringify(block.authorizer_result_ttl_in_seconds)}`);
      }
      if (type === "REQUEST" && ttl > 0 && sources.length === 0) {
        this.problems.push(`${address}: a REQUEST authorizer with caching on needs at least one identity source`);
      }
      let identityValidationExpression: RegExp | undefined;
      const expression = this.text(block, "identity_validation_expression", address);
      if (expression !== undefined && expression !== "") {
        if (type !== "TOKEN") {
          this.notes.push(`${address}.identity_validation_expression applies to TOKEN authorizers only; API Gateway ignores it here`);
        } else {
          try {
            identityValidationExpression = new RegExp(`^(?:${expression})$`);
          } catch {
            this.problems.push(`${address}.identity_validation_expression is not a valid regular expression: ${JSON.stringify(expression)}`);
          }
        }
      }
      result.set(address, {
        address,
        name: this.text(block, "name", address) ?? address,
        type,
        functionAddress,
        identitySources: sources,
        ttlSeconds: ttl,
        identityValidationExpression,
      });
    }
    return result;
  }

  private parseGatewayResponses(): Map<string, GatewayResponseModel> {
    const result = new Map<string, GatewayResponseModel>();
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_gateway_response")) {
      const type = this.text(block, "response_type", address);
      if (!isResponseType(type)) {
        this.problems.push(`${address}.response_type ${JSON.stringify(type)} is not a gateway response type`);
        continue;
      }
      if (result.has(type)) {
        this.problems.push(`${address} customises ${type} a second time`);
        continue;
      }
      const status = block.status_code === undefined ? undefined : this.text(block, "status_code", address);
      if (status !== undefined && !/^[1-5]\d\d$/.test(status)) {
        this.problems.push(`${address}.status_code must be an HTTP status code, got ${JSON.stringify(block.status_code)}`);
      }
      const { mappings, problems } = parseHeaderMappings(block.response_parameters, "gatewayresponse.header.", `${address}.response_parameters`);
      this.problems.push(...problems);
      result.set(type, {
        type,
        statusCode: status === undefined ? undefined : Number(status),
        headers: mappings,
        templates: this.templates(block.response_templates, `${address}.response_templates`),
      });
    }
    return result;
  }

  private parseStages(): StageModel[] {
    const stages: StageModel[] = [];
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_stage")) {
      const name = this.text(block, "stage_name", address);
      if (name === undefined) {
        this.problems.push(`${address}.stage_name must be a string`);
        continue;
      }
      const variables: Record<string, string> = {};
      for (const [key, value] of Object.entries(asObject(block.variables) ?? {})) {
        variables[key] = String(value);
      }
      stages.push({ name, variables });
    }
    for (const [address, block] of blocksOfType(this.stack, "aws_api_gateway_deployment")) {
      const name = block.stage_name === undefined ? undefined : this.text(block, "stage_name", address);
      if (name !== undefined && !stages.some((stage) => stage.name === name)) {
        stages.push({ name, variables: {} });
      }
    }
    if (stages.length === 0) {
      this.problems.push(`the stack declares no aws_api_gateway_stage for ${this.restAddress}; there is no URL to serve`);
    }
    return stages;
  }

  private templates(value: unknown, where: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [contentType, template] of Object.entries(asObject(value) ?? {})) {
      if (typeof template !== "string") {
        this.problems.push(`${where}.${contentType} must be a string`);
        continue;
      }
      this.problems.push(...templateProblems(template, `${where}["${contentType}"]`));
      result[contentType] = template;
    }
    return result;
  }

  private functionAt(address: Address): void {
    if (this.functions.has(address) || this.failedFunctions.has(address)) {
      return;
    }
    const parsed = parseFunction(this.stack, address, this.stackDir, this.problems, this.notes);
    if (parsed === undefined) {
      this.failedFunctions.add(address);
    } else {
      this.functions.set(address, parsed);
    }
  }

  /** `<resource address> <METHOD>` of a block with resource_id and http_method. */
  private methodKey(block: ResourceBlock, address: Address): string | undefined {
    const resource = this.resolve(block.resource_id, `${address}.resource_id`);
    const method = this.text(block, "http_method", address);
    return resource === undefined || method === undefined ? undefined : `${resource} ${method.toUpperCase()}`;
  }

  private text(block: ResourceBlock, key: string, address: Address): string | undefined {
    const value = block[key];
    if (value === undefined) {
      return undefined;
    }
    return this.resolve(typeof value === "number" ? String(value) : value, `${address}.${key}`);
  }

  private resolve(value: unknown, where: string): string | undefined {
    if (typeof value !== "string") {
      this.problems.push(`${where} must be a string, got ${JSON.stringify(value)}`);
      return undefined;
    }
    const resolved = resolveString(value, (address) => blockAt(this.stack, address));
    if (!resolved.ok) {
      this.problems.push(`${where}: ${resolved.problem}`);
      return undefined;
    }
    return resolved.value;
  }
}
