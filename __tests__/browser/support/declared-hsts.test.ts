import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { declaredHsts } from "./declared-hsts";

const HSTS = "max-age=31536000; includeSubDomains";

function stack(gatewayValues: readonly string[], backendValue: string | undefined): unknown {
  return {
    resource: {
      aws_api_gateway_gateway_response: Object.fromEntries(
        gatewayValues.map((value, index) => [
          `response_${index}`,
          { response_parameters: { "gatewayresponse.header.Strict-Transport-Security": `'${value}'` } },
        ]),
      ),
      aws_lambda_function: {
        authorizer: { environment: { variables: { IDENTITY_HEADER: "x-custom-auth" } } },
        backend: {
          environment: {
            variables: backendValue === undefined ? {} : { SECURITY_HEADERS: JSON.stringify({ "Strict-Transport-Security": backendValue }) },
          },
        },
      },
    },
  };
}

describe("declaredHsts", () => {
  let directory: string;
  let counter = 0;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "declared-hsts-test-"));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function write(content: unknown): Promise<string> {
    counter += 1;
    const path = join(directory, `stack-${counter}.json`);
    await writeFile(path, JSON.stringify(content));
    return path;
  }

  test("returns the value the gateway responses and the backend share, without the quotes", async () => {
    expect(declaredHsts(await write(stack([HSTS, HSTS], HSTS)))).toBe(HSTS);
  });

  test("rejects a stack whose responses declare different values, listing them", async () => {
    const path = await write(stack([HSTS, "max-age=1"], HSTS));
    expect(() => declaredHsts(path)).toThrow(`must declare exactly one Strict-Transport-Security value, found 2: ${HSTS} | max-age=1`);
  });

  test("rejects a stack that declares no value", async () => {
    const path = await write(stack([], undefined));
    expect(() => declaredHsts(path)).toThrow("must declare exactly one Strict-Transport-Security value, found 0");
  });
});
