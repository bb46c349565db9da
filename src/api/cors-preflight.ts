import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { SecurityHeaderPolicy, staticParameters } from "../security-headers/security-header-policy";

/** Props of {@link CorsPreflight}. */
export interface CorsPreflightProps {
  readonly restApiId: string;
  /** The resource whose preflight this answers. */
  readonly resourceId: string;
  /** A policy with CORS options: its headers and preflight headers are the answer's. */
  readonly headerPolicy: SecurityHeaderPolicy;
}

/** The preflight answer's status: success without a body. */
const PREFLIGHT_STATUS = "204";

/**
 * An `OPTIONS` method that answers a browser's CORS preflight from API Gateway itself (a MOCK
 * integration), without a credential: browsers never send credentials or custom headers on a preflight,
 * so an authorizer there would refuse every cross-origin call. The answer carries the policy's full
 * header set (HSTS included) plus the preflight headers.
 */
export class CorsPreflight extends Construct {
  /** Everything the API's deployment must snapshot. */
  public readonly resources: readonly TerraformResource[];

  constructor(scope: Construct, id: string, props: CorsPreflightProps) {
    super(scope, id);
    const preflightHeaders = props.headerPolicy.preflightHeaders;
    if (preflightHeaders === undefined) {
      throw new Error("CorsPreflight needs a SecurityHeaderPolicy with CORS options");
    }
    const headers = { ...props.headerPolicy.headers, ...preflightHeaders };
    const method = new ApiGatewayMethod(this, "method", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: "OPTIONS",
      authorization: "NONE",
    });
    const integration = new ApiGatewayIntegration(this, "integration", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: method.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": JSON.stringify({ statusCode: Number(PREFLIGHT_STATUS) }) },
    });
    const methodResponse = new ApiGatewayMethodResponse(this, "method_response", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: method.httpMethod,
      statusCode: PREFLIGHT_STATUS,
      responseParameters: Object.fromEntries(Object.keys(headers).map((name) => [`method.response.header.${name}`, true])),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, "integration_response", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: method.httpMethod,
      statusCode: methodResponse.statusCode,
      responseParameters: staticParameters("method.response.header.", headers),
      dependsOn: [integration],
    });
    this.resources = [method, integration, methodResponse, integrationResponse];
  }
}
