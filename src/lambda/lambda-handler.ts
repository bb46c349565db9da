/**
 * What API Gateway needs of a Lambda function to invoke it: the provider's `LambdaFunction`, a
 * `DataAwsLambdaFunction` of a function managed elsewhere, or a {@link NodejsFunction} all fit.
 */
export interface LambdaHandler {
  /** The function's name (or ARN), for `aws_lambda_permission`. */
  readonly functionName: string;
  /** `arn:…:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations`. */
  readonly invokeArn: string;
}
