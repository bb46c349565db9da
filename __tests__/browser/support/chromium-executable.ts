import { accessSync, constants } from "node:fs";

/** Where the system Chromium was looked for, and what was found. */
export type ChromiumLookup =
  | { readonly found: true; readonly executablePath: string }
  | { readonly found: false; readonly searched: readonly string[] };

/**
 * Debian's package installs `/usr/bin/chromium` (a launcher script that execs `/usr/lib/chromium/chromium`);
 * other distributions name it `chromium-browser`.
 */
export const DEFAULT_CHROMIUM_PATHS: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/lib/chromium/chromium",
];

/**
 * Finds the system Chromium: `CHROMIUM_PATH` when set (and then only there, so a typo fails loudly rather
 * than silently using another browser), otherwise the first executable of {@link DEFAULT_CHROMIUM_PATHS}.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : DEFAULT_CHROMIUM_PATHS;
  for (const candidate of candidates) {
    if (isExecutable(candidate)) return { found: true, executablePath: candidate };
  }
  return { found: false, searched: candidates };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch (error: unknown) {
    // Checked by shape, not `instanceof Error`: Node's errors come from another realm under jest.
    if (typeof error === "object" && error !== null && "code" in error) return false;
    throw error;
  }
}
