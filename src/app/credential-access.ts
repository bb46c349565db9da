import { AUTHORIZER_ENV } from "../../lambdas/authorizer/settings";
import { AppConfig } from "./app-config";
import { PolicyStatement } from "../lambda/policy-statement";

/** Where a parameter lives. */
export interface ParameterLocation {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** The parameter's name, starting with `/`. */
  readonly name: string;
}

/** The ARN of an SSM parameter. */
export function parameterArn(location: ParameterLocation): string {
  return `arn:${location.partition}:ssm:${location.region}:${location.accountId}:parameter${location.name}`;
}

/**
 * What the authorizer may do to read its credential: get that one parameter and, with a customer-managed
 * key, decrypt with that key only, for that parameter only (SSM puts the parameter's ARN in the KMS
 * encryption context). With the AWS-managed `aws/ssm` key, the key policy already allows decryption
 * through SSM for the account.
 */
export function credentialReadStatements(parameterArn: string, kmsKeyArn: string | undefined): PolicyStatement[] {
  return [
    { Effect: "Allow", Action: ["ssm:GetParameter"], Resource: parameterArn },
    ...(kmsKeyArn
      ? [
          {
            Effect: "Allow" as const,
            Action: ["kms:Decrypt"],
            Resource: kmsKeyArn,
            Condition: { StringEquals: { "kms:EncryptionContext:PARAMETER_ARN": parameterArn } },
          },
        ]
      : []),
  ];
}

/** The authorizer's environment: its header and where its credential comes from. */
export function authorizerEnvironment(authorizer: AppConfig["authorizer"]): Record<string, string> {
  const common = {
    [AUTHORIZER_ENV.identityHeader]: authorizer.identityHeader,
    [AUTHORIZER_ENV.credentialSource]: authorizer.credentialSource,
  };
  return authorizer.credentialSource === "inline-demo"
    ? { ...common, [AUTHORIZER_ENV.expectedCredential]: authorizer.credential ?? "" }
    : {
        ...common,
        [AUTHORIZER_ENV.credentialParameter]: authorizer.credentialParameterName,
        [AUTHORIZER_ENV.credentialMaxAgeSeconds]: String(authorizer.credentialCacheSeconds),
      };
}
