import * as path from "node:path";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  Authorization,
  IdentitySource,
  NodejsFunction,
  SecureRestApi,
  SecurityHeaderPolicy,
} from "cdktf-secure-rest-api";
import { checkSettings, OrdersApiSettings } from "./settings";

const LAMBDAS = path.join(__dirname, "lambdas");

/**
 * A consumer of the library as a platform team would write one: an orders API whose reads are for
 * partners (an API key and a tenant, checked by a REQUEST authorizer) and whose writes are for the web
 * app's users (a JWT, checked by a TOKEN authorizer), with a public health check, on a custom domain
 * where HSTS `preload` means something. The stack owns the providers and the state backend.
 */
export class OrdersApiStack extends TerraformStack {
  public readonly api: SecureRestApi;

  constructor(scope: Construct, id: string, settings: OrdersApiSettings) {
    super(scope, id);
    checkSettings(settings);
    new S3Backend(this, {
      bucket: settings.stateBucket,
      key: `${id}/terraform.tfstate`,
      region: settings.region,
      encrypt: true,
    }).addOverride("use_lockfile", true);
    new AwsProvider(this, "aws", { region: settings.region, defaultTags: [{ tags: { Application: "orders", ManagedBy: "cdktf" } }] });
    new ArchiveProvider(this, "archive");

    const headerPolicy = new SecurityHeaderPolicy({ hsts: { maxAgeSeconds: 63072000, includeSubDomains: true, preload: true } });
    this.api = new SecureRestApi(this, "orders", { name: "orders", stageName: "prod", headerPolicy });

    const partners = this.api.addRequestAuthorizer("partner", {
      handler: new NodejsFunction(this, "partner_authorizer", {
        functionName: "orders-partner-authorizer",
        entry: path.join(LAMBDAS, "partner-authorizer", "index.ts"),
        timeoutSeconds: 5,
        environment: { PARTNER_KEY_HASHES: JSON.stringify(settings.partnerKeyHashes) },
      }),
      identitySources: [IdentitySource.header("x-partner-key"), IdentitySource.queryString("tenant")],
    });
    const users = this.api.addTokenAuthorizer("jwt", {
      handler: new NodejsFunction(this, "jwt_authorizer", {
        functionName: "orders-jwt-authorizer",
        entry: path.join(LAMBDAS, "jwt-authorizer", "index.ts"),
        timeoutSeconds: 5,
        environment: { JWT_PUBLIC_KEY: settings.jwtPublicKey, JWT_ISSUER: settings.jwtIssuer },
      }),
      identityHeader: "Authorization",
      validationRegex: "^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
      resultTtlSeconds: 60,
    });
    const orders = new NodejsFunction(this, "orders_function", {
      functionName: "orders-backend",
      entry: path.join(LAMBDAS, "orders", "index.ts"),
      environment: { SECURITY_HEADERS: headerPolicy.toJson() },
    });

    this.api.addRoute("GET /health", { authorizer: Authorization.NONE, mock: { statusCode: 200, body: '{"status":"ok"}' } });
    this.api.addRoute("GET /orders", { handler: orders, authorizer: partners });
    this.api.addRoute("GET /orders/{id}", { handler: orders, authorizer: partners });
    this.api.addRoute("GET /orders/{id}/items", { handler: orders, authorizer: partners });
    this.api.addRoute("POST /orders", { handler: orders, authorizer: users });
    this.api.addRoute("DELETE /orders/{id}", { handler: orders, authorizer: users });
    this.api.addRoute("PUT /orders/{id}/items", { handler: orders, authorizer: users });

    // With the default endpoint off, every client comes through the domain: its certificate, and a host
    // name that can be on the HSTS preload list.
    this.api.addDomain({
      domainName: settings.domainName,
      certificateArn: settings.certificateArn,
      hostedZoneId: settings.hostedZoneId,
      disableExecuteApiEndpoint: true,
    });
    new TerraformOutput(this, "url", { description: "The API's URL", value: `https://${settings.domainName}/` });
  }
}
