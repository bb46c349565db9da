import { getParameter } from "@aws-lambda-powertools/parameters/ssm";
import type { CredentialSetting } from "./settings";

/**
 * The credential the authorizer accepts.
 *
 * From SSM it is read with decryption and kept by Powertools' parameter cache for `maxAgeSeconds`, so a
 * warm function calls SSM at most once per period and picks up a rotated value within it.
 *
 * @throws Error when the parameter cannot be read or is empty: the caller fails closed.
 */
export async function expectedCredential(setting: CredentialSetting): Promise<string> {
  if (setting.source === "inline-demo") {
    return setting.credential;
  }
  const value = await getParameter(setting.parameterName, { decrypt: true, maxAge: setting.maxAgeSeconds });
  if (typeof value !== "string" || value === "") {
    throw new Error("the credential parameter is empty");
  }
  return value;
}
