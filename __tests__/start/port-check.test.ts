import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { assertPortFree } from "../../scripts/start/port-check";
import { StartError } from "../../scripts/start/start-error";

describe("assertPortFree", () => {
  test("a busy port is refused, naming it and the way out: --port 0", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const check = assertPortFree("127.0.0.1", port);
      await expect(check).rejects.toThrow(StartError);
      await expect(assertPortFree("127.0.0.1", port)).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use (another npm start?): pass --port 0`);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  test("a free port passes and is released again for the gateway", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(assertPortFree("127.0.0.1", port)).resolves.toBeUndefined();
    const after = net.createServer();
    await new Promise<void>((resolve, reject) => {
      after.once("error", reject);
      after.listen(port, "127.0.0.1", resolve);
    });
    await new Promise<void>((resolve) => after.close(() => resolve()));
  });

  test("port 0 is always free", async () => {
    await expect(assertPortFree("127.0.0.1", 0)).resolves.toBeUndefined();
  });
});
