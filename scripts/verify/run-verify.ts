import { randomBytes } from "node:crypto";
import { skip, type CheckResult } from "./check-result";
import type { Expectations } from "./expectations/expectations";
import { sendProbe } from "./transport/http-probe";
import { probePlan } from "./probe-plan";
import { headerPolicyCheck, hstsCheck, statusCheck, type ProbeOutcome } from "./response-checks";
import { certificateCheck, observePlainHttp, observeTls, plainHttpCheck, plainHttpUrl, tlsVersionCheck } from "./transport/tls-checks";
import { errorMessage } from "./error-message";

/** What a run needs besides the expectations. */
export interface VerifyOptions {
  readonly stageUrl: URL;
  readonly expectations: Expectations;
  /** @default - the 2xx check is skipped */
  readonly credential?: string;
  /** PEM certificate authorities trusted besides Node's bundled roots. @default - the bundled roots only */
  readonly extraCa?: string;
  readonly timeoutMs: number;
}

/** The checks of one run, in report order. */
export interface VerifyReport {
  readonly url: string;
  readonly expectations: Expectations;
  readonly checks: readonly CheckResult[];
}

/**
 * Probes the stage one request at a time (a deployed stage is throttled, and the order keeps the report
 * readable), then checks the transport of an https URL.
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const nonce = randomBytes(6).toString("hex");
  const base = options.stageUrl.href.replace(/\/+$/, "");
  const outcomes: ProbeOutcome[] = [];
  for (const probe of probePlan(options.expectations, options.credential, nonce)) {
    if (probe.skipReason !== undefined) {
      outcomes.push({ probe });
      continue;
    }
    try {
      const reply = await sendProbe(
        { method: probe.method, url: new URL(`${base}${probe.path}`), headers: probe.headers },
        { extraCa: options.extraCa, timeoutMs: options.timeoutMs },
      );
      outcomes.push({ probe, reply });
    } catch (error: unknown) {
      outcomes.push({ probe, error: errorMessage(error) });
    }
  }
  const checks: CheckResult[] = [
    ...outcomes.map(statusCheck),
    headerPolicyCheck(outcomes, options.expectations.headers),
    hstsCheck(outcomes),
    ...(await transportChecks(options)),
  ];
  return { url: base, expectations: options.expectations, checks };
}

async function transportChecks(options: VerifyOptions): Promise<CheckResult[]> {
  const url = options.stageUrl;
  if (url.protocol !== "https:") {
    return [skip("transport (TLS version, certificate, http:// refused)", "skipped: plain http URL, nothing to check; a deployed stage is https")];
  }
  const tls = await observeTls(url, options.extraCa, options.timeoutMs);
  const httpUrl = plainHttpUrl(url);
  const plain = await observePlainHttp(httpUrl, options.timeoutMs);
  return [tlsVersionCheck(tls), certificateCheck(tls, url.hostname), plainHttpCheck(plain, httpUrl)];
}
