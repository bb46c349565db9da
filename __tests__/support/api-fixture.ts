import { Construct } from "constructs";
import { SecureRestApi, SecureRestApiProps } from "../../src/rest-api/secure-rest-api";
import { LambdaHandler } from "../../src/lambda/lambda-handler";
import { lambdaFunction } from "./fixtures";

/** A SecureRestApi named `orders`, stage `prod`, for constructs and routes under test. */
export function ordersApi(scope: Construct, props: Partial<SecureRestApiProps> = {}): SecureRestApi {
  return new SecureRestApi(scope, "orders", { name: "orders", stageName: "prod", ...props });
}

/** A function stand-in by name. */
export function fn(scope: Construct, id: string): LambdaHandler {
  return lambdaFunction(scope, id);
}
