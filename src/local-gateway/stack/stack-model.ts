import type { Address } from "./terraform-references";

/** One Lambda function of the stack, as the local runner needs it. */
export interface FunctionModel {
  readonly address: Address;
  readonly functionName: string;
  /** Absolute path of the folder the archive is built from (the bundle). */
  readonly codeDirectory: string;
  /** `index.handler` → module `index`, export `handler`. */
  readonly handlerModule: string;
  readonly handlerExport: string;
  readonly runtime: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  /** The function's `environment.variables`: its configuration. */
  readonly environment: Readonly<Record<string, string>>;
}

/** Where an authorizer reads one identity value. */
export type IdentitySource =
  | { readonly kind: "header"; readonly name: string }
  | { readonly kind: "querystring"; readonly name: string }
  | { readonly kind: "stageVariable"; readonly name: string }
  | { readonly kind: "context"; readonly name: string };

/** A Lambda authorizer (REQUEST or TOKEN). */
export interface AuthorizerModel {
  readonly address: Address;
  readonly name: string;
  readonly type: "REQUEST" | "TOKEN";
  readonly functionAddress: Address;
  readonly identitySources: readonly IdentitySource[];
  /** 0 turns caching (and the identity pre-check of REQUEST authorizers) off. */
  readonly ttlSeconds: number;
  /** TOKEN only: a token that does not match is refused with 401 before the Lambda runs. */
  readonly identityValidationExpression?: RegExp;
}

/** A static or mapped header value of a response (`'value'`, `method.request.header.X`, `context.x`). */
export type HeaderValueSource =
  | { readonly kind: "static"; readonly value: string }
  | { readonly kind: "requestHeader"; readonly name: string }
  | { readonly kind: "requestQuerystring"; readonly name: string }
  | { readonly kind: "requestPath"; readonly name: string }
  | { readonly kind: "context"; readonly path: string }
  | { readonly kind: "stageVariable"; readonly name: string };

/** One response header and where its value comes from. */
export interface HeaderMapping {
  readonly name: string;
  readonly source: HeaderValueSource;
}

/** A customised gateway response. */
export interface GatewayResponseModel {
  readonly type: string;
  /** @default - the type's own status code */
  readonly statusCode?: number;
  readonly headers: readonly HeaderMapping[];
  /** Content type → template. */
  readonly templates: Readonly<Record<string, string>>;
}

/** A MOCK integration's response for one selection pattern. */
export interface MockResponseModel {
  readonly statusCode: number;
  /** @default - the default response (matches when no other does) */
  readonly selectionPattern?: RegExp;
  readonly headers: readonly HeaderMapping[];
  readonly templates: Readonly<Record<string, string>>;
}

/** What answers a method. */
export type IntegrationModel =
  | {
      readonly type: "AWS_PROXY";
      readonly functionAddress: Address;
      /** API Gateway's own limit on the integration. */
      readonly timeoutMilliseconds: number;
    }
  | {
      readonly type: "MOCK";
      /** The status code the request template selects. */
      readonly statusCode: number;
      readonly responses: readonly MockResponseModel[];
    };

/** One method of one resource. */
export interface MethodModel {
  readonly httpMethod: string;
  readonly authorization: "NONE" | "CUSTOM";
  readonly authorizerAddress?: Address;
  readonly integration: IntegrationModel;
}

/** One resource (path part) of the API's tree. */
export interface ResourceModel {
  readonly address: Address;
  /** `test`, `{id}`, `{proxy+}`; empty for the root. */
  readonly pathPart: string;
  /** `/test/{id}`; `/` for the root. */
  readonly path: string;
  readonly children: ResourceModel[];
  /** HTTP method (or `ANY`) → method. */
  readonly methods: Map<string, MethodModel>;
}

/** A stage: the first path segment, with its variables. */
export interface StageModel {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  /** A stable stand-in for the id AWS gives the stage's deployment (`requestContext.deploymentId`). */
  readonly deploymentId: string;
  /** `xray_tracing_enabled`: gateway responses then carry the request's `x-amzn-trace-id`. */
  readonly tracingEnabled: boolean;
}

/** Everything the local gateway serves, read from the synthesized Terraform JSON. */
export interface StackModel {
  readonly apiName: string;
  /** A stable stand-in for the id AWS would assign. */
  readonly apiId: string;
  readonly region: string;
  readonly accountId: string;
  readonly root: ResourceModel;
  readonly stages: readonly StageModel[];
  readonly authorizers: ReadonlyMap<Address, AuthorizerModel>;
  readonly functions: ReadonlyMap<Address, FunctionModel>;
  /** Response type → customisation. */
  readonly gatewayResponses: ReadonlyMap<string, GatewayResponseModel>;
  /** Content types whose bodies are passed base64-encoded. */
  readonly binaryMediaTypes: readonly string[];
  /** Things the stack declares that are served differently from AWS; printed once at start-up. */
  readonly notes: readonly string[];
}
