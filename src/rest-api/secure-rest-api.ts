import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { authorizerConstructId } from "../authorizers/lambda-authorizer";
import { RequestAuthorizer, RequestAuthorizerProps } from "../authorizers/request-authorizer";
import { TokenAuthorizer, TokenAuthorizerProps } from "../authorizers/token-authorizer";
import { CustomDomain, CustomDomainOptions } from "../domain/custom-domain";
import { GatewayResponseSpec } from "../gateway-responses/gateway-response-spec";
import { GatewayResponses } from "../gateway-responses/gateway-responses";
import { ResponseTypeName } from "../gateway-responses/response-type";
import { HSTS_HEADER, SecurityHeaderPolicy } from "../security-headers/security-header-policy";
import { ConfigError, show, throwIfProblemsAt } from "../validation/config-error";
import { ApiStage, StageOptions } from "./api-stage";
import { DeploymentContent } from "./deployment-content";
import { PathNode } from "./path-node";
import { RestApiTarget } from "./rest-api-target";
import { Route, RouteOptions, routeOptionProblems } from "./route";
import { formatRouteKey, parseRouteKey } from "./route-key";
import { stageNameProblems } from "./stage-name";

/** Props of {@link SecureRestApi}. */
export interface SecureRestApiProps {
  /** The REST API's name in API Gateway; also prefixes the default names of its parts. */
  readonly name: string;
  /** @default - a description naming the library */
  readonly description?: string;
  /**
   * The stage: the first segment of every URL.
   * @default "v1"
   */
  readonly stageName?: string;
  /**
   * The headers every response carries: the gateway's own (401, 403, 429, 5XX…), MOCK answers and CORS
   * preflights. Hand the same policy to your functions (`headerPolicy.toJson()`) so theirs match.
   * @default - `new SecurityHeaderPolicy()`: HSTS `max-age=31536000; includeSubDomains` and OWASP's API headers
   */
  readonly headerPolicy?: SecurityHeaderPolicy;
  /**
   * Status codes and messages of gateway responses that differ from the defaults.
   * @default - every type keeps its status code and gets a fixed message in AWS's wording
   */
  readonly gatewayResponses?: readonly GatewayResponseSpec[];
  /**
   * The explicit opt-out: response types left to AWS's built-in response, without the header policy.
   * @default - none: every response type carries the policy
   */
  readonly gatewayResponsesWithoutHeaderPolicy?: readonly ResponseTypeName[];
  /**
   * The stage's hardening.
   * @default - see {@link StageOptions}
   */
  readonly stage?: StageOptions;
}

/** The stage name when none is given. */
export const DEFAULT_STAGE_NAME = "v1";

const API_NAME = /^[A-Za-z0-9 _.-]{1,128}$/;

/**
 * A REST API whose every response — above all the 401 and 403 the gateway generates itself — carries one
 * header policy (HSTS first): routes behind Lambda REQUEST or TOKEN authorizers (or explicitly public),
 * proxied to Lambda functions or answered by MOCK integrations; gateway responses for every type; a
 * hardened stage; a custom domain; and a deployment that every part registers itself with.
 *
 * It never creates a provider or a state backend: the stack it lives in stays in charge of those.
 *
 * ```ts
 * const api = new SecureRestApi(stack, "orders", { name: "orders", headerPolicy });
 * const jwt = api.addTokenAuthorizer("jwt", { handler: authFn });
 * api.addRoute("GET /health", { handler: healthFn, authorizer: Authorization.NONE });
 * api.addRoute("POST /orders/{id}", { handler: ordersFn, authorizer: jwt });
 * ```
 */
export class SecureRestApi extends Construct implements RestApiTarget {
  public readonly restApi: ApiGatewayRestApi;
  public readonly apiName: string;
  public readonly stageName: string;
  public readonly headerPolicy: SecurityHeaderPolicy;
  public readonly content: DeploymentContent;
  /** The root of the path tree. */
  public readonly root: PathNode;
  public readonly gatewayResponses: GatewayResponses;
  public readonly stage: ApiStage;
  /** The stage's invoke URL, `https://<id>.execute-api.<region>.amazonaws.com/<stage>`. */
  public readonly url: string;
  private readonly routes = new Map<string, Route>();
  private readonly preflightPaths = new Set<string>();
  private readonly domains: CustomDomain[] = [];
  private requestValidator: ApiGatewayRequestValidator | undefined;

  constructor(scope: Construct, id: string, props: SecureRestApiProps) {
    super(scope, id);
    this.stageName = props.stageName ?? DEFAULT_STAGE_NAME;
    throwIfProblemsAt(this.node.path, [
      ...(typeof props.name === "string" && API_NAME.test(props.name)
        ? []
        : [`property 'name' must be 1 to 128 letters, digits, spaces or _.-, got ${show(props.name)}`]),
      ...stageNameProblems("stageName", this.stageName),
      ...(props.headerPolicy === undefined || props.headerPolicy instanceof SecurityHeaderPolicy
        ? []
        : [`property 'headerPolicy' must be a SecurityHeaderPolicy, got ${show(props.headerPolicy)}`]),
    ]);
    this.apiName = props.name;
    this.headerPolicy = props.headerPolicy ?? new SecurityHeaderPolicy();
    this.content = new DeploymentContent();
    this.restApi = new ApiGatewayRestApi(this, "rest_api", {
      name: props.name,
      description: props.description ?? "REST API behind Lambda authorizers; every response carries the header policy",
      endpointConfiguration: { types: ["REGIONAL"] },
      lifecycle: { createBeforeDestroy: true },
    });
    // The API's own settings (the default endpoint switch above all) take effect with a new deployment.
    this.content.register(this.restApi);
    this.root = new PathNode(this, "paths", this);
    this.gatewayResponses = new GatewayResponses(this, "gateway_responses", {
      restApiId: this.restApi.id,
      headerPolicy: this.headerPolicy,
      overrides: props.gatewayResponses,
      withoutHeaderPolicy: props.gatewayResponsesWithoutHeaderPolicy,
    });
    this.content.register(...this.gatewayResponses.responses);
    this.stage = new ApiStage(this, "stage", { ...props.stage, restApi: this.restApi, stageName: this.stageName, content: this.content });
    this.url = this.stage.stage.invokeUrl;

    this.node.addValidation({ validate: () => this.preloadWarning() });
  }

  /**
   * A Lambda REQUEST authorizer for this API's routes.
   * @param id unique among this API's authorizers; also names it in API Gateway (`<name>-<id>`)
   */
  public addRequestAuthorizer(id: string, props: RequestAuthorizerProps): RequestAuthorizer {
    return new RequestAuthorizer(this, authorizerConstructId(id), this, { authorizerName: `${this.apiName}-${id}`, ...props });
  }

  /**
   * A Lambda TOKEN authorizer for this API's routes.
   * @param id unique among this API's authorizers; also names it in API Gateway (`<name>-<id>`)
   */
  public addTokenAuthorizer(id: string, props: TokenAuthorizerProps): TokenAuthorizer {
    return new TokenAuthorizer(this, authorizerConstructId(id), this, { authorizerName: `${this.apiName}-${id}`, ...props });
  }

  /**
   * A route: `"<METHOD> <path>"` (`GET /health`, `POST /orders/{id}`, `ANY /files/{proxy+}`), answered by
   * a Lambda function or a MOCK, behind an authorizer or explicitly public. Paths share their prefixes'
   * resources; with CORS in the header policy, each path gets a preflight.
   */
  public addRoute(key: string, options: RouteOptions): Route {
    const where = `${this.node.path}/route[${String(key)}]`;
    const parsed = parseRouteKey("key", key);
    if ("problems" in parsed) {
      throw new ConfigError(parsed.problems.map((problem) => `${where}: ${problem}`));
    }
    const canonical = formatRouteKey(parsed.key);
    throwIfProblemsAt(where, [
      ...(this.routes.has(canonical) ? [`the API already has the route ${canonical}`] : []),
      ...(parsed.key.method === "OPTIONS" && this.headerPolicy.preflightHeaders !== undefined
        ? [`OPTIONS is answered by the CORS preflight the header policy's CORS options add to every path`]
        : []),
      ...routeOptionProblems(options, this),
    ]);
    const node = this.root.resolve(parsed.key.path);
    if (this.headerPolicy.preflightHeaders !== undefined && !this.preflightPaths.has(node.path)) {
      this.addPreflight(node);
      this.preflightPaths.add(node.path);
    }
    const route = new Route(node, `[${parsed.key.method}]`, {
      ...options,
      api: this,
      key: parsed.key,
      node,
      headers: this.headerPolicy.headers,
      requestValidatorId: (options.requiredParameters?.length ?? 0) > 0 ? this.validator().id : undefined,
    });
    this.routes.set(canonical, route);
    return route;
  }

  /**
   * A custom domain (REGIONAL, TLS 1.2) mapped to the stage, with an optional Route 53 alias: the only
   * place where HSTS `includeSubDomains; preload` can mean anything.
   */
  public addDomain(options: CustomDomainOptions): CustomDomain {
    const domain = new CustomDomain(this, `domain_${this.domains.length}`, {
      ...options,
      restApiId: this.restApi.id,
      stageName: this.stage.stage.stageName,
    });
    if (options.disableExecuteApiEndpoint === true) {
      this.restApi.disableExecuteApiEndpoint = true;
    }
    this.domains.push(domain);
    return domain;
  }

  private addPreflight(node: PathNode): void {
    new Route(node, "[OPTIONS]", {
      api: this,
      key: { method: "OPTIONS", path: node.path },
      node,
      // Browsers never send credentials or custom headers on a preflight: an authorizer would refuse
      // every cross-origin call.
      authorizer: "NONE",
      mock: { statusCode: 204 },
      headers: { ...this.headerPolicy.headers, ...this.headerPolicy.preflightHeaders },
    });
  }

  private validator(): ApiGatewayRequestValidator {
    if (this.requestValidator !== undefined) {
      return this.requestValidator;
    }
    this.requestValidator = new ApiGatewayRequestValidator(this, "request_validator", {
      restApiId: this.restApi.id,
      name: `${this.apiName}-parameters`,
      validateRequestParameters: true,
      validateRequestBody: false,
    });
    this.content.register(this.requestValidator);
    return this.requestValidator;
  }

  private preloadWarning(): string[] {
    const hsts = this.headerPolicy.headers[HSTS_HEADER] ?? "";
    if (/;\s*preload\b/i.test(hsts) && this.domains.length === 0) {
      Annotations.of(this).addWarning(
        `${this.node.path}: HSTS 'preload' is on but the API has no custom domain. Browsers preload host names under a domain you own (hstspreload.org); nobody can preload *.execute-api.amazonaws.com, so add a domain with addDomain() or leave preload off.`,
      );
    }
    return [];
  }
}
