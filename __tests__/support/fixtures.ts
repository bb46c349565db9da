import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Construct } from "constructs";

/** A REST API for constructs under test to attach to. */
export function restApi(scope: Construct): ApiGatewayRestApi {
  return new ApiGatewayRestApi(scope, "rest_api", { name: "Test" });
}

/** A Lambda function stand-in: the constructs under test need only its ARNs and name. */
export function lambdaFunction(scope: Construct, id: string): LambdaFunction {
  return new LambdaFunction(scope, id, {
    functionName: id,
    role: "arn:aws:iam::123456789012:role/test",
    runtime: "nodejs22.x",
    handler: "index.handler",
    filename: "test.zip",
  });
}
