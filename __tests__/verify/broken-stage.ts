import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { SEED_DEFAULTS } from "../../scripts/verify/expectations/expectations";

/**
 * A stand-in for a stage that answers like the seed except for one defect: its 401 has no
 * Strict-Transport-Security (as a deployment that forgot to customise UNAUTHORIZED would).
 */
export async function startBrokenStage(): Promise<{ stageUrl: string; close: () => Promise<void> }> {
  const { "strict-transport-security": _hsts, ...withoutHsts } = SEED_DEFAULTS.headers;
  const server = http.createServer((req, res) => {
    const credential = req.headers["x-custom-auth"];
    const onRoute = req.url === "/prod/test" && req.method === "GET";
    if (onRoute && credential === undefined) {
      res.writeHead(401, { ...withoutHsts, "content-type": "application/json" }).end('{"message":"Unauthorized"}');
    } else if (onRoute && credential === "allow") {
      res.writeHead(200, SEED_DEFAULTS.headers).end("Hello");
    } else {
      res.writeHead(403, { ...SEED_DEFAULTS.headers, "content-type": "application/json" }).end('{"message":"Forbidden"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    stageUrl: `http://127.0.0.1:${port}/prod`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
