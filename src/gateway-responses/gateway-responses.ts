import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { Construct } from "constructs";
import { throwIfProblems } from "../validation/config-error";
import { SecurityHeaderPolicy } from "../security-headers/security-header-policy";
import { DEFAULT_GATEWAY_RESPONSES, GatewayResponseSpec, gatewayResponseProblems, responseTemplate } from "./gateway-response-spec";

/** Props of {@link GatewayResponses}. */
export interface GatewayResponsesProps {
  /** The id of the REST API whose responses are customised. */
  readonly restApiId: string;
  /** The headers every customised response carries. */
  readonly headerPolicy: SecurityHeaderPolicy;
  /**
   * Which responses to customise, and how.
   * @default DEFAULT_GATEWAY_RESPONSES
   */
  readonly responses?: readonly GatewayResponseSpec[];
}

/**
 * The gateway's own responses, each carrying the full header set of the policy.
 *
 * The headers are set on every type explicitly: whether a customised type inherits the headers of
 * DEFAULT_4XX/DEFAULT_5XX is not documented, so nothing here relies on it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
export class GatewayResponses extends Construct {
  /** One resource per customised type, in the order given. */
  public readonly responses: readonly ApiGatewayGatewayResponse[];

  constructor(scope: Construct, id: string, props: GatewayResponsesProps) {
    super(scope, id);
    const specs = props.responses ?? DEFAULT_GATEWAY_RESPONSES;
    throwIfProblems(gatewayResponseProblems(specs));

    const responseParameters = props.headerPolicy.toGatewayResponseParameters();
    this.responses = specs.map(
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
