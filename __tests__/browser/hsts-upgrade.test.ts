import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { startLocalGateway } from "../../src/local-gateway/server";
import { findChromium } from "./support/chromium-executable";
import { launchChromium, type ChromiumSession } from "./support/chromium-session";
import { startControlServer, type ControlServer } from "./support/control-server";
import { declaredHsts } from "./support/declared-hsts";
import { createLocalCa } from "./support/local-ca";
import { navigate, type NavigationOutcome } from "./support/navigate";
import { headerValue, redirectsFrom, requestsSentTo, responsesFor } from "./support/network-events";
import { recordNetwork, type NetworkRecorder } from "./support/network-recorder";
import { synthRealApp } from "../local-gateway/synth-app";
import { trustCaForChromium } from "./support/nss-trust";

const REPO_ROOT = resolve(__dirname, "..", "..");
/** Screenshots of the page each check ends on; a CI artifact, not committed. */
const ARTIFACT_DIRECTORY = join(REPO_ROOT, "artifacts", "browser-hsts");

// Test host names live under a reserved TLD (RFC 6761), are mapped to 127.0.0.1 inside the browser only,
// and are siblings: `includeSubDomains` on one of them must not cover another.
const DOMAIN = "hsts-check.test";
const CONTROL_HOST = `control.${DOMAIN}`;
const HOST_RESOLVER_RULES = `MAP *.${DOMAIN} 127.0.0.1, MAP * ~NOTFOUND`;
// The browser fetches /favicon.ico after each page; the gateway's answer (a 403 with HSTS) would set the
// host's HSTS state too, so the upgrade could no longer be credited to the response under test.
const BLOCKED_URLS = ["*/favicon.ico"];

/** One response the gateway generates, each on its own host so that only it can have set the HSTS state. */
interface GatewayCase {
  readonly name: string;
  readonly host: string;
  /** The `x-custom-auth` header the browser sends; `undefined` sends none. */
  readonly credential: string | undefined;
  readonly status: number;
}

const GATEWAY_CASES: readonly GatewayCase[] = [
  { name: "401 (no credential)", host: `unauthorized.${DOMAIN}`, credential: undefined, status: 401 },
  { name: "403 (wrong credential)", host: `denied.${DOMAIN}`, credential: "deny", status: 403 },
  { name: "200 (allowed)", host: `allowed.${DOMAIN}`, credential: "allow", status: 200 },
];

const isCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false" && process.env.CI !== "0";
const chromiumLookup = findChromium();

if (!chromiumLookup.found && !isCi) {
  const reason =
    `no Chromium at ${chromiumLookup.searched.join(", ")} (set CHROMIUM_PATH, or install it with ` +
    "`sudo bash scripts/ci/install-browser.sh`); CI never skips this check";
  console.warn(`HSTS browser check skipped: ${reason}`);
  describe.skip(`HSTS in headless Chromium — skipped: ${reason}`, () => {
    test("is skipped without a local Chromium", () => undefined);
  });
} else {
  describe("HSTS in headless Chromium, against the local gateway over HTTPS", () => {
    let workDirectory: string | undefined;
    let chromium: ChromiumSession | undefined;
    let closeGateway: (() => Promise<void>) | undefined;
    let control: ControlServer | undefined;
    let gatewayPort = 0;
    let resourcePath = "";
    let expectedHsts = "";
    const gatewayLog: string[] = [];

    beforeAll(async () => {
      if (!chromiumLookup.found) {
        throw new Error(
          `CI is set but no Chromium was found at ${chromiumLookup.searched.join(", ")}: .ci/run must run scripts/ci/install-browser.sh first`,
        );
      }
      // The example app, synthesized afresh into a temp folder: the same JSON and bundles as `npm run synth`.
      const stackJson = synthRealApp();
      expectedHsts = declaredHsts(stackJson);
      workDirectory = await mkdtemp(join(tmpdir(), "hsts-browser-"));
      const home = join(workDirectory, "home");
      const profile = join(workDirectory, "profile");
      const caDirectory = join(workDirectory, "ca");
      await Promise.all([mkdir(home), mkdir(profile), mkdir(caDirectory), mkdir(ARTIFACT_DIRECTORY, { recursive: true })]);

      const ca = await createLocalCa({ directory: caDirectory });
      await trustCaForChromium({ homeDirectory: home, caCertPath: ca.certPath });

      const gateway = await startLocalGateway({
        stackJsonPath: stackJson,
        host: "127.0.0.1",
        port: 0,
        tls: await ca.issueServerCertificate(GATEWAY_CASES.map((c) => c.host)),
        log: (line) => gatewayLog.push(line),
      });
      closeGateway = () => gateway.close();
      gatewayPort = Number(new URL(gateway.url).port);
      const stageUrl = gateway.stageUrls[0];
      if (stageUrl === undefined) throw new Error(`the local gateway at ${gateway.url} serves no stage`);
      resourcePath = `${new URL(stageUrl).pathname.replace(/\/$/, "")}/test`;

      control = await startControlServer(await ca.issueServerCertificate([CONTROL_HOST]));
      chromium = await launchChromium({
        executablePath: chromiumLookup.executablePath,
        userDataDirectory: profile,
        homeDirectory: home,
        hostResolverRules: HOST_RESOLVER_RULES,
      });
    }, 60_000);

    afterAll(async () => {
      await chromium?.close();
      await control?.close();
      await closeGateway?.();
      // What reached the gateway, as evidence beside the screenshots: the http:// navigations must not.
      await writeFile(join(ARTIFACT_DIRECTORY, "gateway.log"), gatewayLog.map((line) => `${line}\n`).join(""));
      if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
    }, 30_000);

    describe.each(GATEWAY_CASES)("after the gateway's $name over HTTPS", (gatewayCase) => {
      let page: Page;
      let network: NetworkRecorder;
      let httpsUrl = "";
      let httpUrl = "";
      let first: NavigationOutcome;
      let second: NavigationOutcome;

      beforeAll(async () => {
        httpsUrl = `https://${gatewayCase.host}:${gatewayPort}${resourcePath}`;
        httpUrl = `http://${gatewayCase.host}:${gatewayPort}${resourcePath}`;
        page = await requireChromium(chromium).context.newPage();
        network = await recordNetwork(page, { blockedUrls: BLOCKED_URLS });
        await page.setExtraHTTPHeaders(gatewayCase.credential === undefined ? {} : { "x-custom-auth": gatewayCase.credential });
        first = await navigate(page, network, httpsUrl);
        // Same host and port, plain HTTP: only the browser's HSTS state can turn this into HTTPS; sent as
        // it is, it would reach the gateway's TLS port and fail.
        second = await navigate(page, network, httpUrl);
        await page.screenshot({ path: join(ARTIFACT_DIRECTORY, `gateway-${gatewayCase.status}.png`), fullPage: true });
      }, 30_000);

      afterAll(async () => {
        await network?.stop();
        await page?.close();
      });

      test("the first HTTPS response has the case's status, over a connection the browser trusts", () => {
        expect(first.error).toBeUndefined();
        expect(first.ending).toMatchObject({ kind: "response", url: httpsUrl, status: gatewayCase.status, securityState: "secure" });
      });

      test("the first HTTPS response carries Strict-Transport-Security as the stack declares it", () => {
        const headers = first.ending.kind === "response" ? first.ending.headers : {};
        expect(headerValue(headers, "strict-transport-security")).toBe(expectedHsts);
      });

      test("before the http:// navigation the host was sent nothing but the first HTTPS request", () => {
        const earlier = network.events.slice(0, second.startIndex);
        expect(requestsSentTo(earlier, gatewayCase.host, network.events)).toEqual([httpsUrl]);
      });

      test("the http:// navigation is answered by the browser's own 307 Internal Redirect", () => {
        const redirects = redirectsFrom(network.events, httpUrl);
        expect(redirects).toHaveLength(1);
        expect(redirects[0]?.requestId).toBe(second.requestId);
        expect(redirects[0]?.status).toBe(307);
        expect(redirects[0]?.statusText).toBe("Internal Redirect");
      });

      test("the 307 names HSTS as its reason and points at https:// on the same host and port", () => {
        const [redirect] = redirectsFrom(network.events, httpUrl);
        expect(headerValue(redirect?.headers ?? {}, "Non-Authoritative-Reason")).toBe("HSTS");
        expect(headerValue(redirect?.headers ?? {}, "Location")).toBe(httpsUrl);
        expect(redirect?.toUrl).toBe(httpsUrl);
      });

      test("nothing goes over plain HTTP: no response for http://, no failed navigation", () => {
        expect(responsesFor(network.events, httpUrl)).toEqual([]);
        const navigations = new Set([first.requestId, second.requestId]);
        expect(network.events.filter((event) => event.kind === "failure" && navigations.has(event.requestId))).toEqual([]);
      });

      test("the browser lands on the https:// page with the gateway's response", () => {
        expect(second.error).toBeUndefined();
        expect(second.ending).toMatchObject({ kind: "response", url: httpsUrl, status: gatewayCase.status, securityState: "secure" });
        expect(page.url()).toBe(httpsUrl);
      });
    });

    describe("a control host whose responses carry no HSTS", () => {
      let page: Page;
      let network: NetworkRecorder;
      let httpsUrl = "";
      let httpUrl = "";
      let first: NavigationOutcome;
      let second: NavigationOutcome;

      beforeAll(async () => {
        const port = requireControl(control).port;
        httpsUrl = `https://${CONTROL_HOST}:${port}/`;
        httpUrl = `http://${CONTROL_HOST}:${port}/`;
        page = await requireChromium(chromium).context.newPage();
        network = await recordNetwork(page, { blockedUrls: BLOCKED_URLS });
        first = await navigate(page, network, httpsUrl);
        second = await navigate(page, network, httpUrl);
        await page.screenshot({ path: join(ARTIFACT_DIRECTORY, "control-no-hsts.png"), fullPage: true });
      }, 30_000);

      afterAll(async () => {
        await network?.stop();
        await page?.close();
      });

      test("its HTTPS response is trusted and has no Strict-Transport-Security header", () => {
        expect(first.error).toBeUndefined();
        expect(first.ending).toMatchObject({ kind: "response", url: httpsUrl, status: 200, securityState: "secure" });
        const headers = first.ending.kind === "response" ? first.ending.headers : {};
        expect(headerValue(headers, "strict-transport-security")).toBeUndefined();
      });

      test("its http:// navigation is not redirected and is answered over the network", () => {
        expect(redirectsFrom(network.events, httpUrl)).toEqual([]);
        expect(second.error).toBeUndefined();
        expect(second.ending).toMatchObject({ kind: "response", url: httpUrl, status: 200 });
        expect(second.ending.kind === "response" ? second.ending.securityState : undefined).not.toBe("secure");
        expect(page.url()).toBe(httpUrl);
      });
    });
  });
}

function requireChromium(session: ChromiumSession | undefined): ChromiumSession {
  if (!session) throw new Error("Chromium did not start (see the beforeAll failure above)");
  return session;
}

function requireControl(server: ControlServer | undefined): ControlServer {
  if (!server) throw new Error("the control server did not start (see the beforeAll failure above)");
  return server;
}

