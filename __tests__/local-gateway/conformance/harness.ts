import * as path from "node:path";
import type { Invoker } from "../../../src/local-gateway/authorizer/authorizer-emulator";
import { Gateway, GatewayReply } from "../../../src/local-gateway/gateway";
import { eventText } from "../../../src/local-gateway/lambda/event-json";
import type { InvokeOutcome } from "../../../src/local-gateway/lambda/lambda-runner";
import { loadStack } from "../../../src/local-gateway/stack/parse-stack";
import type { StackModel } from "../../../src/local-gateway/stack/stack-model";

/**
 * The request path of the hand-written edge stack with its functions replaced by answers a case chooses:
 * what the client receives and what each function is given, without threads or sockets.
 */
export class ConformanceGateway {
  readonly model: StackModel;
  /** The events each function was given, by function name. */
  readonly events = new Map<string, Record<string, unknown>[]>();
  private readonly answers = new Map<string, (event: Record<string, unknown>) => InvokeOutcome>();
  private readonly gateway: Gateway;

  constructor(adjust: (model: StackModel) => StackModel = (model) => model) {
    this.model = adjust(loadStack(path.join(__dirname, "..", "fixtures", "edge-stack", "cdk.tf.json")));
    const allow: InvokeOutcome = {
      kind: "result",
      payload: { principalId: "conformance", policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" }] } },
    };
    this.answer("edge-request-authorizer", () => allow);
    this.answer("edge-echo", () => ({ kind: "result", payload: { statusCode: 200, body: "ok" } }));
    const invoker: Invoker = {
      invoke: (address, event) => {
        const name = this.model.functions.get(address)?.functionName ?? address;
        // What the function receives: the event as JSON text, parsed.
        const received = JSON.parse(eventText(event)) as Record<string, unknown>;
        this.events.set(name, [...(this.events.get(name) ?? []), received]);
        const answer = this.answers.get(name);
        return Promise.resolve(answer === undefined ? { kind: "error", errorType: "Error", errorMessage: `no answer for ${name}` } : answer(received));
      },
    };
    this.gateway = new Gateway(this.model, invoker);
  }

  /** Makes a function answer every invocation this way. */
  answer(functionName: string, answer: (event: Record<string, unknown>) => InvokeOutcome): void {
    this.answers.set(functionName, answer);
  }

  /** Makes the backend of `/v1/open` (no authorizer) return this proxy result. */
  backendReturns(payload: unknown): void {
    this.answer("edge-echo", () => ({ kind: "result", payload }));
  }

  /** The last event a function was given. */
  lastEvent(functionName: string): Record<string, unknown> {
    const events = this.events.get(functionName) ?? [];
    const event = events[events.length - 1];
    if (event === undefined) {
      throw new Error(`${functionName} was not invoked`);
    }
    return event;
  }

  request(method: string, url: string, headers: string[] = [], options: { port?: number; encrypted?: boolean; remoteAddress?: string } = {}): Promise<GatewayReply> {
    return this.gateway.handle(
      {
        method,
        url,
        rawHeaders: ["Host", "abc123.execute-api.eu-west-1.amazonaws.com", ...headers],
        body: Buffer.alloc(0),
        bodyTooLarge: false,
        remoteAddress: options.remoteAddress ?? "203.0.113.7",
        httpVersion: "1.1",
        receivedAt: Date.UTC(2026, 10, 25, 12, 0, 0),
        connection: { port: options.port ?? 443, encrypted: options.encrypted ?? true },
      },
      "abc123.execute-api.eu-west-1.amazonaws.com",
    );
  }
}

/** A reply's header, by lower-case name; several values joined as HTTP would. */
export function header(reply: GatewayReply, name: string): string | undefined {
  const values = reply.response.headers.filter(([candidate]) => candidate === name).map(([, value]) => value);
  return values.length === 0 ? undefined : values.join(", ");
}

/** One conformance case: the behaviour, the public record it is checked against, the check. */
export function conformance(behaviour: string, source: string, check: () => Promise<void>): void {
  test(`${behaviour} — source: ${source}`, check);
}

export const AWS_PROXY_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html";
export const LOCALSTACK_AWS_PROXY = "localstack/localstack localstack-core/localstack/services/apigateway/next_gen/execute_api/integrations/aws.py";

/** AWS-validated recordings of REST API behaviour in LocalStack's test suites. */
export const LOCALSTACK_PROXY_PATHS =
  "localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (test_lambda_aws_proxy_integration, recorded 02-08-2024)";
export const LOCALSTACK_EXT_REST_APIS =
  "pypi-data/pypi-mirror-298 packages/localstack-ext/localstack_ext-3.7.3.dev55.tar.gz/localstack_ext-3.7.3.dev55/tests/aws/services/apigateway/test_rest_apis.snapshot.json";
/** Authorizer events recorded from API Gateway in eu-west-1 (2024-06-17) by AWS Powertools. */
export const POWERTOOLS_AUTHORIZER_EVENTS = "aws-powertools/powertools-lambda-typescript packages/parser/tests/events/apigw-rest/";
