import { configWarnings, loadAppConfig, SETTINGS } from "../../src/app/app-config";
import { EXAMPLE_GATEWAY_RESPONSES } from "../../src/app/example-responses";
import { configProblems } from "../support/config-problems";

function problemsOf(context: unknown, env: Record<string, string> = {}): readonly string[] {
  return configProblems(() => loadAppConfig(context, env));
}

describe("loadAppConfig", () => {
  test("defaults to the reference: Api, GET /test, stage prod, x-custom-auth cached 300 s", () => {
    const config = loadAppConfig(undefined, {});
    expect(config.apiName).toBe("Api");
    expect(config.httpMethod).toBe("GET");
    expect(config.resourcePath).toBe("/test");
    expect(config.stageName).toBe("prod");
    expect(config.authorizer.identityHeader).toBe("x-custom-auth");
    expect(config.authorizer.resultTtlSeconds).toBe(300);
    expect(config.gatewayResponses).toEqual(EXAMPLE_GATEWAY_RESPONSES);
    expect(config.gatewayResponsesWithoutHeaderPolicy).toEqual([]);
    expect(config.logRetentionDays).toBe(365);
  });

  test("keeps the credential in SSM by default, named after the API, cached five minutes, with no inline value", () => {
    const { authorizer } = loadAppConfig({ apiName: "Orders" }, {});
    expect(authorizer.credentialSource).toBe("ssm");
    expect(authorizer.credentialParameterName).toBe("/Orders/authorizer/credential");
    expect(authorizer.credentialCacheSeconds).toBe(300);
    expect(authorizer.credential).toBeUndefined();
    expect(authorizer.credentialKmsKeyArn).toBeUndefined();
  });

  test("accepts the reference's 'allow' through the explicit inline demo, and warns about it", () => {
    const config = loadAppConfig({ authorizer: { credentialSource: "inline-demo" } }, {});
    expect(config.authorizer.credential).toBe("allow");
    expect(configWarnings(config)).toEqual([expect.stringContaining("'inline-demo'")]);
    expect(configWarnings(loadAppConfig({}, {}))).toEqual([]);
  });

  test("reserves 50 concurrent executions for the authorizer by default, none on request", () => {
    expect(loadAppConfig({}, {}).authorizer.reservedConcurrency).toBe(50);
    expect(loadAppConfig({ authorizer: { reservedConcurrency: null } }, {}).authorizer.reservedConcurrency).toBeUndefined();
    expect(loadAppConfig({}, { APIGW_AUTHORIZER_RESERVED_CONCURRENCY: "none" }).authorizer.reservedConcurrency).toBeUndefined();
  });

  test("defaults the stage to 100 requests per second with bursts of 50, and manages the logging role", () => {
    expect(loadAppConfig({}, {}).stage).toEqual({ throttlingRateLimit: 100, throttlingBurstLimit: 50, manageAccountLoggingRole: true });
  });

  test("turns an OWASP header off with false, from the context or the environment", () => {
    const config = loadAppConfig({ securityHeaders: { frameOptions: false } }, { APIGW_CACHE_CONTROL: "false" });
    expect(config.securityHeaders.frameOptions).toBe(false);
    expect(config.securityHeaders.cacheControl).toBe(false);
    expect(config.securityHeaders.referrerPolicy).toBe("no-referrer");
  });

  test("defaults HSTS to the constructs' default, without preload", () => {
    expect(loadAppConfig({}, {}).securityHeaders.hsts).toEqual({ maxAgeSeconds: 31536000, includeSubDomains: true, preload: false });
  });

  test("reads nested settings from the context", () => {
    const config = loadAppConfig({ stageName: "dev", authorizer: { resultTtlSeconds: 0 }, securityHeaders: { hsts: { preload: true } } }, {});
    expect(config.stageName).toBe("dev");
    expect(config.authorizer.resultTtlSeconds).toBe(0);
    expect(config.securityHeaders.hsts.preload).toBe(true);
  });

  test("lets environment variables override the context, parsed by type", () => {
    const config = loadAppConfig(
      { stageName: "dev" },
      {
        APIGW_STAGE_NAME: "live",
        APIGW_AUTHORIZER_TTL_SECONDS: "60",
        APIGW_HSTS_PRELOAD: "true",
        APIGW_ADDITIONAL_HEADERS: '{"Permissions-Policy":"geolocation=()"}',
      },
    );
    expect(config.stageName).toBe("live");
    expect(config.authorizer.resultTtlSeconds).toBe(60);
    expect(config.securityHeaders.hsts.preload).toBe(true);
    expect(config.securityHeaders.additionalHeaders).toEqual({ "Permissions-Policy": "geolocation=()" });
  });

  test("refuses an empty environment variable rather than reading it as unset", () => {
    expect(problemsOf({}, { APIGW_STAGE_NAME: "" })).toEqual(["environment variable APIGW_STAGE_NAME is empty; unset it to use the default"]);
  });

  test("refuses an empty string for a named setting in the context", () => {
    expect(problemsOf({ authorizer: { credentialKmsKeyArn: "" } })).toEqual([
      expect.stringContaining("property 'authorizer.credentialKmsKeyArn' must be a KMS key ARN"),
    ]);
  });

  test("refuses a context of the wrong type instead of falling back to defaults", () => {
    expect(problemsOf("not an object")).toEqual(["context 'apiGateway' must be an object, got \"not an object\""]);
  });

  test("refuses an opt-out naming an unknown response type", () => {
    expect(problemsOf({ gatewayResponsesWithoutHeaderPolicy: ["NOPE"] })).toEqual([
      expect.stringContaining("property 'gatewayResponsesWithoutHeaderPolicy[0]' must be one of ACCESS_DENIED"),
    ]);
  });

  test("names one environment variable per setting, all distinct", () => {
    expect(new Set(SETTINGS.map((s) => s.env)).size).toBe(SETTINGS.length);
    expect(SETTINGS.every((s) => s.env.startsWith("APIGW_"))).toBe(true);
  });

  test("reports every problem at once", () => {
    expect(problemsOf({ stageName: "a b", authorizer: { resultTtlSeconds: -1 } })).toHaveLength(2);
  });

  test("never repeats the credential in its message", () => {
    const problems = problemsOf({ authorizer: { credentialSource: "inline-demo", credential: "top secret" } });
    expect(problems).toEqual(["property 'authorizer.credential' must be 1 to 512 visible ASCII characters without spaces"]);
    expect(problems.join()).not.toContain("top secret");
  });
});

describe("loadAppConfig rejects", () => {
  test.each<[string, unknown, Record<string, string>, string]>([
    ["a negative TTL", { authorizer: { resultTtlSeconds: -1 } }, {}, "property 'authorizer.resultTtlSeconds' must be a whole number from 0 to 3600, got -1"],
    ["a TTL over 3600", { authorizer: { resultTtlSeconds: 3601 } }, {}, "property 'authorizer.resultTtlSeconds' must be a whole number from 0 to 3600, got 3601"],
    ["a fractional TTL", { authorizer: { resultTtlSeconds: 1.5 } }, {}, "property 'authorizer.resultTtlSeconds' must be a whole number from 0 to 3600, got 1.5"],
    ["an identity header that is not a token", { authorizer: { identityHeader: "x custom" } }, {}, "property 'authorizer.identityHeader' must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), got \"x custom\""],
    ["a header name that is not a token", { securityHeaders: { additionalHeaders: { "X:Y": "v" } } }, {}, "property 'securityHeaders.additionalHeaders name' must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), got \"X:Y\""],
    ["a header value with a trailing space", { securityHeaders: { additionalHeaders: { "X-A": "it " } } }, {}, "property 'securityHeaders.additionalHeaders[\"X-A\"]' must be printable ASCII, without newlines or leading/trailing spaces, got \"it \""],
    ["a header value with a newline", { securityHeaders: { additionalHeaders: { "X-A": "a\nSet-Cookie: x" } } }, {}, "property 'securityHeaders.additionalHeaders[\"X-A\"]' must be printable ASCII, without newlines or leading/trailing spaces, got \"a\\nSet-Cookie: x\""],
    ["an unknown gateway response type", { gatewayResponses: [{ type: "UNAUTHORISED" }] }, {}, "property 'gatewayResponses[0].type' must be one of ACCESS_DENIED, API_CONFIGURATION_ERROR, AUTHORIZER_CONFIGURATION_ERROR, AUTHORIZER_FAILURE, BAD_REQUEST_BODY, BAD_REQUEST_PARAMETERS, DEFAULT_4XX, DEFAULT_5XX, EXPIRED_TOKEN, INTEGRATION_FAILURE, INTEGRATION_TIMEOUT, INVALID_API_KEY, INVALID_SIGNATURE, MISSING_AUTHENTICATION_TOKEN, QUOTA_EXCEEDED, REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, THROTTLED, UNAUTHORIZED, UNSUPPORTED_MEDIA_TYPE, WAF_FILTERED, got \"UNAUTHORISED\""],
    ["preload without includeSubDomains", { securityHeaders: { hsts: { preload: true, includeSubDomains: false } } }, {}, "property 'securityHeaders.hsts.preload' requires 'securityHeaders.hsts.includeSubDomains' to be true (the preload list demands it), got false"],
    ["preload with a max-age under a year", { securityHeaders: { hsts: { preload: true, maxAgeSeconds: 300 } } }, {}, "property 'securityHeaders.hsts.preload' requires 'securityHeaders.hsts.maxAgeSeconds' to be at least 31536000 (the preload list demands it), got 300"],
    ["a negative HSTS max-age", { securityHeaders: { hsts: { maxAgeSeconds: -5 } } }, {}, "property 'securityHeaders.hsts.maxAgeSeconds' must be a whole number from 0 to 63072000, got -5"],
    ["a non-boolean includeSubDomains", { securityHeaders: { hsts: { includeSubDomains: "yes" } } }, {}, "property 'securityHeaders.hsts.includeSubDomains' must be true or false, got \"yes\""],
    ["a region that is not an AWS region", { region: "tokyo" }, {}, "property 'region' must be an AWS region such as ap-northeast-1, got \"tokyo\""],
    ["an API name that cannot prefix function names", { apiName: "My API" }, {}, "property 'apiName' must be 1 to 48 letters, digits, '-' or '_' (it prefixes the function names), got \"My API\""],
    ["a stage name with a slash", { stageName: "v1/prod" }, {}, "property 'stageName' must be 1 to 128 letters, digits, '-' or '_', got \"v1/prod\""],
    ["a relative resource path", { resourcePath: "test" }, {}, "property 'resourcePath' must be an absolute path of segments made of letters, digits and ._~- or {param}, with {proxy+} only last, got \"test\""],
    ["an unknown HTTP method", { httpMethod: "get" }, {}, "property 'httpMethod' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got \"get\""],
    ["a retention CloudWatch does not offer", { logRetentionDays: 15 }, {}, "property 'logRetentionDays' must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (days), got 15"],
    ["an unknown setting, listing the known ones", { stagename: "prod" }, {}, "property 'stagename' is not a known setting; allowed here: region, apiName, resourcePath, httpMethod, stageName, authorizer, securityHeaders, stage, functions, logsKmsKeyArn, gatewayResponses, gatewayResponsesWithoutHeaderPolicy, logRetentionDays, stateBackend"],
    ["an unknown nested setting", { authorizer: { ttl: 5 } }, {}, "property 'authorizer.ttl' is not a known setting; allowed here: identityHeader, resultTtlSeconds, credentialSource, credential, credentialParameterName, credentialKmsKeyArn, credentialCacheSeconds, reservedConcurrency"],
    ["a scalar where a group belongs", { authorizer: 5 }, {}, "property 'authorizer' must be an object, got 5"],
    ["a non-numeric TTL in the environment", {}, { APIGW_AUTHORIZER_TTL_SECONDS: "five" }, "environment variable APIGW_AUTHORIZER_TTL_SECONDS must be a whole number, got \"five\""],
    ["a non-boolean in the environment", {}, { APIGW_HSTS_PRELOAD: "yes" }, "environment variable APIGW_HSTS_PRELOAD must be true or false, got \"yes\""],
    ["malformed JSON in the environment", {}, { APIGW_GATEWAY_RESPONSES: "[{" }, "environment variable APIGW_GATEWAY_RESPONSES must be valid JSON, got \"[{\""],
    ["an unknown credential source", { authorizer: { credentialSource: "vault" } }, {}, "property 'authorizer.credentialSource' must be one of ssm, inline-demo, got \"vault\""],
    ["an inline credential while it lives in SSM", { authorizer: { credential: "allow" } }, {}, "property 'authorizer.credential' is only read with credentialSource 'inline-demo'; with 'ssm' the credential lives in the parameter \"/Api/authorizer/credential\""],
    ["a parameter name that is not a path", { authorizer: { credentialParameterName: "credential" } }, {}, "property 'authorizer.credentialParameterName' must be an SSM parameter path such as /Api/authorizer/credential (starting with '/', letters, digits and _.-/), got \"credential\""],
    ["a KMS key that is not a key ARN", { authorizer: { credentialKmsKeyArn: "alias/aws/ssm" } }, {}, "property 'authorizer.credentialKmsKeyArn' must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got \"alias/aws/ssm\""],
    ["a credential cache over an hour", { authorizer: { credentialCacheSeconds: 3601 } }, {}, "property 'authorizer.credentialCacheSeconds' must be a whole number from 0 to 3600, got 3601"],
    ["a reserved concurrency of 0, which would stop the authorizer", { authorizer: { reservedConcurrency: 0 } }, {}, "property 'authorizer.reservedConcurrency' must be a whole number from 1 to 10000, got 0 (or null/\"none\" to reserve none)"],
    ["a reserved concurrency that is neither a number nor none", {}, { APIGW_AUTHORIZER_RESERVED_CONCURRENCY: "lots" }, "environment variable APIGW_AUTHORIZER_RESERVED_CONCURRENCY must be a whole number or \"none\", got \"lots\""],
    ["a Cache-Control with a tab", { securityHeaders: { cacheControl: "no-\tstore" } }, {}, "property 'securityHeaders.cacheControl' must be printable ASCII, without newlines or leading/trailing spaces, got \"no-\\tstore\""],
    ["a Content-Security-Policy with a stray quote", { securityHeaders: { contentSecurityPolicy: "frame-ancestors 'none" } }, {}, "property 'securityHeaders.contentSecurityPolicy' must be a Content-Security-Policy of printable ASCII, with single quotes only around keywords such as 'none', got \"frame-ancestors 'none\""],
    ["an unknown X-Frame-Options", { securityHeaders: { frameOptions: "ALLOW" } }, {}, "property 'securityHeaders.frameOptions' must be DENY or SAMEORIGIN or false, got \"ALLOW\""],
    ["CORS for several origins", { securityHeaders: { cors: { allowOrigin: "https://a.example,https://b.example" } } }, {}, "property 'securityHeaders.cors.allowOrigin' must be '*' or one origin such as https://app.example.com (scheme, lower-case host, optional port, no path), got \"https://a.example,https://b.example\""],
    ["a throttling rate of 0", { stage: { throttlingRateLimit: 0 } }, {}, "property 'stage.throttlingRateLimit' must be a whole number from 1 to 10000, got 0"],
    ["a throttling burst over 5000", { stage: { throttlingBurstLimit: 5001 } }, {}, "property 'stage.throttlingBurstLimit' must be a whole number from 1 to 5000, got 5001"],
  ])("%s", (_rule, context, env, message) => {
    expect(() => loadAppConfig(context, env)).toThrow(message);
    expect(problemsOf(context, env)).toEqual([message]);
  });

  test("a context that is not an object", () => {
    expect(() => loadAppConfig("prod", {})).toThrow("context 'apiGateway' must be an object, got \"prod\"");
  });
});
