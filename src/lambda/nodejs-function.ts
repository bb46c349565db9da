import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { integerInRange, show, throwIfProblems } from "../validation/config-error";
import { bundleHandler, DEFAULT_RUNTIME } from "./bundle";
import { LambdaHandler } from "./lambda-handler";
import { logRetentionProblems } from "./log-retention";
import { policyDocument, PolicyStatement, XRAY_WRITE } from "./policy-statement";

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** How long a function's logs are kept unless told otherwise: a year, what CKV_AWS_338 asks. */
export const DEFAULT_FUNCTION_LOG_RETENTION_DAYS = 365;

/** Props of {@link NodejsFunction}. */
export interface NodejsFunctionProps {
  /** The Lambda function's name; also names its role and log group. */
  readonly functionName: string;
  /** Absolute path of the TypeScript module that exports `handler`. */
  readonly entry: string;
  /** @default - no description */
  readonly description?: string;
  /**
   * Environment variables: the function's configuration.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 128 */
  readonly memorySizeMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /**
   * How long the function's logs are kept; one of `LOG_RETENTION_DAYS`.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Whether X-Ray traces the function (active tracing).
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Concurrency reserved for — and the most allowed to — the function.
   * @default - none reserved; the function shares the account's pool
   */
  readonly reservedConcurrency?: number;
  /**
   * A customer-managed KMS key ARN that encrypts the function's environment variables at rest (CKV_AWS_173).
   * @default - Lambda's AWS-managed key; put secrets in SSM or Secrets Manager rather than the environment
   */
  readonly environmentKmsKeyArn?: string;
  /**
   * A customer-managed KMS key ARN that encrypts the function's log group (CKV_AWS_158). Its key policy
   * must let CloudWatch Logs use it.
   * @default - CloudWatch Logs' own encryption at rest
   */
  readonly logsKmsKeyArn?: string;
  /**
   * An `aws_lambda_code_signing_config` ARN: Lambda then refuses code not signed by its allowed
   * publishers (CKV_AWS_272). The zip this construct builds must be signed through AWS Signer first.
   * @default - no code signing
   */
  readonly codeSigningConfigArn?: string;
  /**
   * What the function may do besides writing its own logs (and traces).
   * @default - nothing else
   */
  readonly policyStatements?: readonly PolicyStatement[];
}

/**
 * A Node.js Lambda function built from TypeScript: bundled by esbuild at synth, zipped by the archive
 * provider, traced by X-Ray, and given a role that may write only to its own log group and do what
 * `policyStatements` grant.
 *
 * The bundle is copied into the stack's output folder and every path is relative to `path.module`, so
 * the synthesized stack folder is a portable artifact (plan in one CI job, apply in another).
 */
export class NodejsFunction extends Construct implements LambdaHandler {
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly archive: DataArchiveFile;
  /** The function's name, for an API Gateway invoke permission. */
  public readonly functionName: string;
  /** The function's invoke ARN, for an API Gateway integration or authorizer. */
  public readonly invokeArn: string;

  constructor(scope: Construct, id: string, props: NodejsFunctionProps) {
    super(scope, id);
    const memorySize = props.memorySizeMb ?? 128;
    const timeout = props.timeoutSeconds ?? 10;
    const retentionInDays = props.logRetentionDays ?? DEFAULT_FUNCTION_LOG_RETENTION_DAYS;
    const tracing = props.tracing ?? true;
    throwIfProblems([
      ...(props.reservedConcurrency === undefined ? [] : integerInRange("reservedConcurrency", props.reservedConcurrency, 1, 10000)),
      ...(FUNCTION_NAME.test(props.functionName)
        ? []
        : [`property 'functionName' must be 1 to 64 letters, digits, '-' or '_', got ${show(props.functionName)}`]),
      ...integerInRange("memorySizeMb", memorySize, 128, 10240),
      ...integerInRange("timeoutSeconds", timeout, 1, 900),
      ...logRetentionProblems("logRetentionDays", retentionInDays),
    ]);

    const bundle = new TerraformAsset(this, "bundle", {
      path: bundleHandler(props.entry),
      type: AssetType.DIRECTORY,
    });
    this.archive = new DataArchiveFile(this, "archive", {
      type: "zip",
      sourceDir: `\${path.module}/${bundle.path}`,
      outputPath: `\${path.module}/archives/${props.functionName}.zip`,
      // A fixed mode keeps the zip, and so source_code_hash, the same on every machine.
      outputFileMode: "0644",
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    this.role = new IamRole(this, "role", {
      name: `${props.functionName}-role`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    const logPolicy = new IamRolePolicy(this, "log_policy", {
      name: "write-own-logs",
      role: this.role.id,
      policy: policyDocument([
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${this.logGroup.arn}:log-stream:*` },
      ]),
    });
    const statements = [...(tracing ? [XRAY_WRITE] : []), ...(props.policyStatements ?? [])];
    const permissions = statements.length === 0
      ? []
      : [new IamRolePolicy(this, "permissions", { name: "function-permissions", role: this.role.id, policy: policyDocument(statements) })];

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: DEFAULT_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      filename: this.archive.outputPath,
      sourceCodeHash: this.archive.outputBase64Sha256,
      memorySize,
      timeout,
      environment: props.environment ? { variables: { ...props.environment } } : undefined,
      tracingConfig: tracing ? { mode: "Active" } : undefined,
      reservedConcurrentExecutions: props.reservedConcurrency,
      kmsKeyArn: props.environmentKmsKeyArn,
      codeSigningConfigArn: props.codeSigningConfigArn,
      // The log group and the permissions exist before the first invocation, so Lambda never creates an
      // unmanaged group with unlimited retention, and the first request is not refused for want of a grant.
      dependsOn: [this.logGroup, logPolicy, ...permissions],
    });
    this.functionName = this.function.functionName;
    this.invokeArn = this.function.invokeArn;
  }
}
