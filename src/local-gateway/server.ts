import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { Gateway } from "./gateway";
import { answerClientError } from "./http/client-errors";
import { serve } from "./http/serve";
import { endpointLines } from "./endpoints";
import { differenceLines } from "./known-differences";
import { LambdaRunner } from "./lambda/lambda-runner";
import { loadStack } from "./stack/parse-stack";

/** Options of {@link startLocalGateway}. */
export interface LocalGatewayOptions {
  /** The synthesized Terraform JSON, e.g. `cdktf.out/stacks/authorized-api/cdk.tf.json`. */
  readonly stackJsonPath: string;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /**
   * Serve HTTPS with this certificate and key (PEM). HSTS only takes effect in browsers over HTTPS.
   * @default - plain HTTP
   */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /**
   * Receives the start-up notes, one line per request, and every line the functions print.
   * @default - lines are written to stdout
   */
  readonly log?: (line: string) => void;
  /**
   * Environment variables that replace or add to a function's configuration, by function name — e.g. a
   * demo credential for an authorizer that reads its own from SSM in AWS.
   * @default - none
   */
  readonly environmentOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The authorizer cache's clock, in epoch milliseconds; tests move it to expire entries without waiting.
   * @default Date.now
   */
  readonly now?: () => number;
}

/** A running local gateway. */
export interface LocalGateway {
  /** `http://127.0.0.1:PORT` or `https://…` */
  readonly url: string;
  /** One URL per stage: `<url>/<stage>`, as a stage's invoke URL. */
  readonly stageUrls: string[];
  close(): Promise<void>;
}

/**
 * Serves the synthesized stack on this machine with API Gateway's authorizer and gateway-response
 * behaviour: it reads the stack JSON, runs the functions' bundles in worker threads, and answers over
 * HTTP or HTTPS.
 *
 * @throws StackError (before anything listens) when the stack uses something the local gateway cannot serve.
 */
export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const model = loadStack(options.stackJsonPath);
  const runner = new LambdaRunner(model.functions.values(), {
    region: model.region,
    environmentOverrides: options.environmentOverrides,
    onOutput: (functionName, line) => log(`  [${functionName}] ${line}`),
  });
  for (const [name] of Object.entries(options.environmentOverrides ?? {})) {
    if (![...model.functions.values()].some((fn) => fn.functionName === name)) {
      await runner.close();
      throw new Error(`environment override for ${JSON.stringify(name)}: the stack has no function of that name (it has ${[...model.functions.values()].map((fn) => fn.functionName).join(", ")})`);
    }
  }
  runner.warmUp();
  const gateway = new Gateway(model, runner, { now: options.now });
  const host = options.host ?? "127.0.0.1";

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void serve(gateway, req, res, log);
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(listener);
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, log));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error: unknown) {
    // The workers started above must not outlive a server that never listened.
    await runner.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const stageUrls = model.stages.map((stage) => `${url}/${stage.name}`);
  for (const line of differenceLines(model.notes)) {
    log(line);
  }
  if (!options.tls) {
    log("  - served over plain HTTP: browsers ignore Strict-Transport-Security here; pass a certificate and key (or --self-signed) to serve HTTPS");
  }
  log("Endpoints:");
  for (const line of endpointLines(model, url)) {
    log(line);
  }

  return {
    url,
    stageUrls,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runner.close();
    },
  };
}
