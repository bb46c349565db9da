import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { Construct } from "constructs";
import { SecurityHeaderPolicy } from "../security-headers/security-header-policy";
import { throwIfProblemsAt } from "../validation/config-error";
import { GatewayResponseSpec, gatewayResponseProblems, resolveGatewayResponses, responseTemplate, withoutHeaderPolicyProblems } from "./gateway-response-spec";
import { ResponseTypeName } from "./response-type";

/** Props of {@link GatewayResponses}. */
export interface GatewayResponsesProps {
  /** The id of the REST API whose responses are customised. */
  readonly restApiId: string;
  /** The headers every response carries. */
  readonly headerPolicy: SecurityHeaderPolicy;
  /**
   * Status codes and messages that differ from the defaults, per type.
   * @default - every type keeps its own status code and gets a fixed message in AWS's wording
   */
  readonly overrides?: readonly GatewayResponseSpec[];
  /**
   * The explicit opt-out: types left to AWS's built-in response, *without* the header policy. A 401 or 403
   * without HSTS is what this library exists to prevent, so this is the only way to get one.
   * @default - none: every type carries the policy
   */
  readonly withoutHeaderPolicy?: readonly ResponseTypeName[];
}

/**
 * Every response the gateway generates itself — 401, 403, 429, 5XX and the rest — each carrying the full
 * header set of the policy.
 *
 * The headers are set on every type explicitly: whether a customised type inherits the headers of
 * DEFAULT_4XX/DEFAULT_5XX is not documented, so nothing here relies on it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
export class GatewayResponses extends Construct {
  /** One resource per type carrying the policy. */
  public readonly responses: readonly ApiGatewayGatewayResponse[];

  constructor(scope: Construct, id: string, props: GatewayResponsesProps) {
    super(scope, id);
    const overrides = props.overrides ?? [];
    const withoutHeaderPolicy = props.withoutHeaderPolicy ?? [];
    throwIfProblemsAt(this.node.path, [
      ...gatewayResponseProblems(overrides, "overrides"),
      ...withoutHeaderPolicyProblems("withoutHeaderPolicy", withoutHeaderPolicy),
      ...overrides
        .filter((spec) => withoutHeaderPolicy.includes(spec.type))
        .map((spec) => `property 'overrides' customises ${spec.type}, which 'withoutHeaderPolicy' leaves to AWS`),
    ]);

    const responseParameters = props.headerPolicy.toGatewayResponseParameters();
    this.responses = resolveGatewayResponses(overrides, withoutHeaderPolicy).map(
      (spec) =>
        new ApiGatewayGatewayResponse(this, spec.type.toLowerCase(), {
          restApiId: props.restApiId,
          responseType: spec.type,
          statusCode: spec.statusCode === undefined ? undefined : String(spec.statusCode),
          responseParameters,
          responseTemplates: { "application/json": responseTemplate(spec) },
        }),
    );
  }
}
