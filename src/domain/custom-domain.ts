import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { isUnresolved, show, throwIfProblemsAt } from "../validation/config-error";

/** A custom domain for the API. */
export interface CustomDomainOptions {
  /** The host name, e.g. `api.example.com`. */
  readonly domainName: string;
  /** An ACM certificate for the host, in the API's region (a REGIONAL endpoint). */
  readonly certificateArn: string;
  /**
   * A Route 53 hosted zone that holds the domain: an alias `A` record then points the host at the API.
   * @default - no DNS record; point the host at the `<id>_target` output yourself
   */
  readonly hostedZoneId?: string;
  /**
   * The path under the domain where the stage is served (`v1` → `https://api.example.com/v1/…`).
   * @default - the stage is served at the domain's root
   */
  readonly basePath?: string;
  /**
   * Whether clients can still reach the API at `https://<id>.execute-api.<region>.amazonaws.com`. Turn it
   * off so that every client gets the domain's HSTS policy and certificate; takes effect with the next
   * deployment.
   * @default false - the default endpoint stays on
   */
  readonly disableExecuteApiEndpoint?: boolean;
}

/** Props of {@link CustomDomain}. */
export interface CustomDomainProps extends CustomDomainOptions {
  readonly restApiId: string;
  readonly stageName: string;
}

/** The TLS policy of the domain: TLS 1.2 is the newest the provider's `security_policy` offers. */
export const DOMAIN_SECURITY_POLICY = "TLS_1_2";

const DOMAIN_NAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const BASE_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/**
 * A REGIONAL `aws_api_gateway_domain_name` with TLS 1.2 at least, the base path mapping to the stage,
 * an optional Route 53 alias record, and the domain's target as an output.
 *
 * HSTS's `includeSubDomains; preload` can only be honoured on a domain the user owns: nobody can preload
 * a host under `execute-api.amazonaws.com`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html
 */
export class CustomDomain extends Construct {
  public readonly domain: ApiGatewayDomainName;
  public readonly mapping: ApiGatewayBasePathMapping;
  public readonly record: Route53Record | undefined;
  /** The host name DNS must point at (the `target` output). */
  public readonly target: string;

  constructor(scope: Construct, id: string, props: CustomDomainProps) {
    super(scope, id);
    throwIfProblemsAt(this.node.path, customDomainProblems(props));
    this.domain = new ApiGatewayDomainName(this, "domain", {
      domainName: props.domainName,
      regionalCertificateArn: props.certificateArn,
      endpointConfiguration: { types: ["REGIONAL"] },
      securityPolicy: DOMAIN_SECURITY_POLICY,
    });
    this.mapping = new ApiGatewayBasePathMapping(this, "mapping", {
      apiId: props.restApiId,
      stageName: props.stageName,
      domainName: this.domain.domainName,
      basePath: props.basePath,
    });
    this.record =
      props.hostedZoneId === undefined
        ? undefined
        : new Route53Record(this, "alias", {
            zoneId: props.hostedZoneId,
            name: this.domain.domainName,
            type: "A",
            alias: { name: this.domain.regionalDomainName, zoneId: this.domain.regionalZoneId, evaluateTargetHealth: false },
          });
    this.target = this.domain.regionalDomainName;
    new TerraformOutput(this, "target", {
      description: `Where ${props.domainName} must point (an alias or CNAME target)`,
      value: this.target,
    });
  }
}

/** Every problem with the options. */
export function customDomainProblems(props: CustomDomainOptions): string[] {
  const problems: string[] = [];
  if (!isUnresolved(props.domainName) && (typeof props.domainName !== "string" || !DOMAIN_NAME.test(props.domainName))) {
    problems.push(`property 'domainName' must be a lower-case host name such as api.example.com, got ${show(props.domainName)}`);
  }
  if (!isUnresolved(props.certificateArn) && (typeof props.certificateArn !== "string" || !CERTIFICATE_ARN.test(props.certificateArn))) {
    problems.push(`property 'certificateArn' must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got ${show(props.certificateArn)}`);
  }
  if (props.hostedZoneId !== undefined && !isUnresolved(props.hostedZoneId) && (typeof props.hostedZoneId !== "string" || !HOSTED_ZONE_ID.test(props.hostedZoneId))) {
    problems.push(`property 'hostedZoneId' must be a Route 53 hosted zone id such as Z0123456789ABC, got ${show(props.hostedZoneId)}`);
  }
  if (props.basePath !== undefined && (typeof props.basePath !== "string" || !BASE_PATH.test(props.basePath))) {
    problems.push(`property 'basePath' must be path segments of letters, digits and ._~- without leading or trailing '/', got ${show(props.basePath)}`);
  }
  if (props.disableExecuteApiEndpoint !== undefined && typeof props.disableExecuteApiEndpoint !== "boolean") {
    problems.push(`property 'disableExecuteApiEndpoint' must be true or false, got ${show(props.disableExecuteApiEndpoint)}`);
  }
  return problems;
}
