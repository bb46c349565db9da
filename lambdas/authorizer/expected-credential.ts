import { DEFAULT_PROVIDERS } from "@aws-lambda-powertools/parameters/base";
import { getParameter, SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import { withDeadline } from "./deadline";
import type { CredentialSetting } from "./settings";
import { createSsmClient, SSM_READ_DEADLINE_MS } from "./ssm-client";

/**
 * The credential the authorizer accepts.
 *
 * From SSM it is read with decryption and kept by Powertools' parameter cache for `maxAgeSeconds`, so a
 * warm function calls SSM at most once per period and picks up a rotated value within it. The read goes
 * through a client with connection and request timeouts and a bounded retry budget (see ssm-client.ts),
 * and is cut off after {@link SSM_READ_DEADLINE_MS} whatever happens, well inside the function's timeout.
 *
 * @throws Error when the parameter cannot be read in time or is empty: the caller fails closed.
 */
export async function expectedCredential(setting: CredentialSetting): Promise<string> {
  if (setting.source === "inline-demo") {
    return setting.credential;
  }
  useBoundedSsmProvider();
  const value = await withDeadline(
    getParameter(setting.parameterName, { decrypt: true, maxAge: setting.maxAgeSeconds }),
    SSM_READ_DEADLINE_MS,
    "reading the credential parameter",
  );
  if (typeof value !== "string" || value === "") {
    throw new Error("the credential parameter is empty");
  }
  return value;
}

/**
 * Makes Powertools' `getParameter` use an SSM client with our timeouts. `getParameter` reads through the
 * default SSM provider and creates one with a default client (no timeouts, three attempts) only when none
 * is registered; registering ours keeps `getParameter`'s cache and `clearCaches()` working as before.
 */
function useBoundedSsmProvider(): void {
  provider ??= new SSMProvider({ awsSdkV3Client: createSsmClient() });
  DEFAULT_PROVIDERS.ssm = provider;
}

let provider: SSMProvider | undefined;
