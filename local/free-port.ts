import { createServer } from "node:net";

/** Asks the OS for a free TCP port on loopback (port 0), so parallel runs never clash. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not determine a free port"));
      });
    });
  });
}

/** Resolves a requested port: 0 or undefined means "any free port". */
export async function portOrFree(port: number | undefined): Promise<number> {
  return port ? port : freePort();
}
