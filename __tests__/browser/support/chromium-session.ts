import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Properties of {@link launchChromium}. */
export interface ChromiumLaunchProps {
  /** The system Chromium (see `findChromium`). */
  readonly executablePath: string;
  /** A fresh, empty profile folder: no HSTS state, no cache, nothing from an earlier run. */
  readonly userDataDirectory: string;
  /** HOME for the browser process; its `.pki/nssdb` holds the trusted test CA. */
  readonly homeDirectory: string;
  /**
   * Chromium `--host-resolver-rules`, e.g. `MAP *.example.test 127.0.0.1`.
   * @see https://www.chromium.org/developers/design-documents/network-stack/socks-proxy/
   */
  readonly hostResolverRules: string;
  /**
   * How long to wait for the browser to open its DevTools endpoint.
   * @default 20000 ms
   */
  readonly startTimeoutMs?: number;
}

/** A running Chromium, driven through the DevTools protocol by playwright-core. */
export interface ChromiumSession {
  readonly browser: Browser;
  /** The profile's own (persistent, non-incognito) context: the one `userDataDirectory` backs. */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Flags for a headless Chromium that works in a container as root and talks to nothing but the test's
 * servers. Chromium is started by this module rather than by playwright's `launch`, which would add its own
 * switches; Debian's launcher still adds those of /etc/chromium.d.
 */
export function chromiumArguments(props: ChromiumLaunchProps): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    // The test's servers speak HTTP/1.1 over TCP; nothing should try UDP.
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // HTTPS-Upgrades may also turn an http:// navigation into https:// (with another
    // Non-Authoritative-Reason). Chromium 156 leaves these test hosts alone either way; off, the control
    // host stays a control should a later version widen the feature.
    "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
    `--host-resolver-rules=${props.hostResolverRules}`,
    `--user-data-dir=${props.userDataDirectory}`,
    "--remote-debugging-port=0",
    "about:blank",
  ];
}

const DEVTOOLS_LISTENING = /^DevTools listening on (ws:\/\/\S+)/;

/**
 * Starts the system Chromium and connects playwright-core to it over the DevTools protocol.
 * Waits on the browser's own "DevTools listening on" line, never on a timer.
 */
export async function launchChromium(props: ChromiumLaunchProps): Promise<ChromiumSession> {
  const child = spawn(props.executablePath, chromiumArguments(props), {
    env: { ...process.env, HOME: props.homeDirectory },
    stdio: ["ignore", "ignore", "pipe"],
  });
  // "error" too: a browser that could not be spawned never emits "exit".
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  try {
    const endpoint = await devToolsEndpoint(child, props.startTimeoutMs ?? 20_000);
    const browser = await chromium.connectOverCDP(endpoint);
    const [context] = browser.contexts();
    if (!context) throw new Error("Chromium started without a default browser context");
    return {
      browser,
      context,
      close: async () => {
        // For a browser it connected to, playwright's close() only disconnects; Browser.close ends it. Its
        // reply may be lost as the browser goes away, so the process's exit is what is waited on.
        const session = await browser.newBrowserCDPSession();
        await session.send("Browser.close").catch(() => undefined);
        await stop(child, exited, 5_000);
        await browser.close();
      },
    };
  } catch (error: unknown) {
    await stop(child, exited, 0);
    throw error;
  }
}

function devToolsEndpoint(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const stderr = child.stderr;
    if (!stderr) {
      reject(new Error("Chromium was started without a stderr pipe"));
      return;
    }
    const lines = createInterface({ input: stderr });
    const seen: string[] = [];
    const timer = setTimeout(
      () => finish(new Error(`Chromium did not open DevTools within ${timeoutMs} ms; stderr:\n${seen.join("\n")}`)),
      timeoutMs,
    );
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(new Error(`Chromium exited (code ${code}, signal ${signal}) before opening DevTools; stderr:\n${seen.join("\n")}`));
    function finish(outcome: Error | string): void {
      clearTimeout(timer);
      child.off("exit", onExit);
      lines.removeAllListeners("line");
      // Keep draining stderr so a chatty browser never blocks on a full pipe.
      stderr?.resume();
      if (typeof outcome === "string") resolve(outcome);
      else reject(outcome);
    }
    child.once("exit", onExit);
    lines.on("line", (line) => {
      seen.push(line);
      const match = DEVTOOLS_LISTENING.exec(line);
      if (match?.[1]) finish(match[1]);
    });
  });
}

/**
 * Waits up to `graceMs` for the browser to leave (after `Browser.close`), then kills it — by its own pid
 * only. Debian's /usr/bin/chromium launcher `exec`s the browser, so that pid is the browser itself.
 */
async function stop(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<"grace over">((resolve) => {
    timer = setTimeout(() => resolve("grace over"), graceMs);
  });
  const outcome = await Promise.race([exited.then(() => "exited" as const), graceOver]);
  clearTimeout(timer);
  if (outcome === "grace over") {
    child.kill("SIGKILL");
    await exited;
  }
}
