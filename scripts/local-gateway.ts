import { readFileSync } from "node:fs";
import { CliError, parseCliArgs, USAGE } from "../src/local-gateway/cli-args";
import { selfSignedCertificate } from "../src/local-gateway/self-signed";
import { startLocalGateway } from "../src/local-gateway/server";
import { StackError } from "../src/local-gateway/stack-error";

/** `npm start`: serves the synthesized stack until interrupted. See docs/local-gateway.md. */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const tls =
    args.tlsCertPath !== undefined && args.tlsKeyPath !== undefined
      ? { cert: readFileSync(args.tlsCertPath), key: readFileSync(args.tlsKeyPath) }
      : args.selfSigned
        ? selfSignedCertificate(args.host)
        : undefined;
  const gateway = await startLocalGateway({
    stackJsonPath: args.stackJsonPath,
    host: args.host,
    port: args.port,
    tls,
    environmentOverrides: args.environmentOverrides,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\nServing ${args.stackJsonPath}\n${gateway.stageUrls.map((url) => `  stage: ${url}/`).join("\n")}\n\n`);
  const stop = (): void => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
  } else if (error instanceof StackError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
