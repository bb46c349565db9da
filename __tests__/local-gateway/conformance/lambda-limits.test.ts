import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LambdaRunner } from "../../../src/local-gateway/lambda/lambda-runner";
import { conformance } from "./harness";

// Lambda's own limits, as the gateway meets them.

const QUOTAS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "local-gateway-limits-"));
  writeFileSync(path.join(root, "index.js"), "exports.handler = async (event) => ({ statusCode: 200, body: 'x'.repeat(event.size) });");
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("Lambda limits", () => {
  conformance("a synchronous response over 6 MB (6291556 bytes) fails the invocation with Function.ResponseSizeTooLarge", QUOTAS_DOC, async () => {
    const runner = new LambdaRunner(
      [{ address: "aws_lambda_function.big", functionName: "big", codeDirectory: root, handlerModule: "index", handlerExport: "handler", runtime: "nodejs22.x", timeoutSeconds: 30, memorySizeMb: 512, environment: {} }],
      { region: "us-east-1" },
    );
    try {
      const overhead = JSON.stringify({ statusCode: 200, body: "" }).length;
      expect(await runner.invoke("aws_lambda_function.big", { size: 6291556 - overhead }, "r")).toMatchObject({ kind: "result" });
      expect(await runner.invoke("aws_lambda_function.big", { size: 6291556 - overhead + 1 }, "r")).toEqual({
        kind: "error",
        errorType: "Function.ResponseSizeTooLarge",
        errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
      });
    } finally {
      await runner.close();
    }
  });
});
