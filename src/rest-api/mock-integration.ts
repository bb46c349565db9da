import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { staticParameters } from "../security-headers/security-header-policy";

/** What API Gateway itself answers on a MOCK method. */
export interface MockResponse {
  /**
   * The status code.
   * @default 200
   */
  readonly statusCode?: number;
  /**
   * The `application/json` body.
   * @default - an empty body
   */
  readonly body?: string;
}

/** Props of {@link MockIntegration}. */
export interface MockIntegrationProps {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly method: ApiGatewayMethod;
  /** Header name → static value, on every answer. */
  readonly headers: Readonly<Record<string, string>>;
  readonly response: MockResponse;
}

/**
 * An integration answered by API Gateway itself, with the given headers as static values: the method
 * response declares them, the integration response sets them.
 */
export class MockIntegration extends Construct {
  /** Everything the API's deployment must snapshot. */
  public readonly resources: readonly TerraformResource[];

  constructor(scope: Construct, id: string, props: MockIntegrationProps) {
    super(scope, id);
    const statusCode = String(props.response.statusCode ?? 200);
    const integration = new ApiGatewayIntegration(this, "integration", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: props.method.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": JSON.stringify({ statusCode: Number(statusCode) }) },
    });
    const methodResponse = new ApiGatewayMethodResponse(this, "method_response", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: props.method.httpMethod,
      statusCode,
      responseParameters: Object.fromEntries(Object.keys(props.headers).map((name) => [`method.response.header.${name}`, true])),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, "integration_response", {
      restApiId: props.restApiId,
      resourceId: props.resourceId,
      httpMethod: props.method.httpMethod,
      statusCode: methodResponse.statusCode,
      responseParameters: staticParameters("method.response.header.", props.headers),
      responseTemplates: props.response.body === undefined ? undefined : { "application/json": props.response.body },
      dependsOn: [integration],
    });
    this.resources = [integration, methodResponse, integrationResponse];
  }
}
