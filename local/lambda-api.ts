/**
 * The part of Lambda's HTTP API the app uses, on loopback: `POST /2015-03-31/functions/<name>/invocations`.
 * InvocationType Event (what the app sends) answers 202 at once and hands the payload to the functions runner,
 * which runs and retries it as Lambda does; RequestResponse is refused (the app never waits on a function).
 * The SDK reaches it through AWS_ENDPOINT_URL_LAMBDA, so the app's code is the same as on AWS.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./read-body";

export type LambdaApiOptions = {
  port?: number;
  /** Deployed function name -> local function name. */
  functions: ReadonlyMap<string, string>;
  invokeEvent: (functionName: string, payload: unknown) => void;
};

export type RunningLambdaApi = { endpoint: string; stop(): Promise<void> };

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function fail(res: ServerResponse, status: number, type: string, message: string) {
  res.writeHead(status, { "content-type": "application/json", "x-amzn-errortype": type });
  res.end(JSON.stringify({ Type: "User", message }));
}

export async function startLambdaApi(opts: LambdaApiOptions): Promise<RunningLambdaApi> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const match = INVOKE.exec(path);
      if (req.method !== "POST" || !match) return fail(res, 404, "UnknownOperationException", "Only Invoke is emulated here.");
      const name = opts.functions.get(decodeURIComponent(match[1] ?? ""));
      if (!name) return fail(res, 404, "ResourceNotFoundException", `Function not found: ${match[1] ?? ""}`);
      if ((req.headers["x-amz-invocation-type"] ?? "RequestResponse") !== "Event") {
        return fail(res, 400, "InvalidParameterValueException", "The local Lambda runs asynchronous invocations only (InvocationType Event).");
      }
      let payload: unknown;
      try {
        const body = (await readBody(req)).toString("utf8");
        payload = body ? JSON.parse(body) : {};
      } catch {
        return fail(res, 400, "InvalidRequestContentException", "Could not parse request body into json");
      }
      opts.invokeEvent(name, payload);
      res.writeHead(202, { "content-type": "application/json", "x-amzn-requestid": crypto.randomUUID() });
      res.end();
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new Error(`the local Lambda API cannot start: port ${opts.port} is busy`) : error));
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
