/**
 * A Lambda Function URL on loopback for a streaming handler: each HTTP request becomes a payload-2.0 event,
 * the handler writes to a response stream, and the prelude written by `HttpResponseStream.from` becomes the
 * status and headers — then body chunks flow as written, with backpressure. If the handler fails before
 * anything was sent the caller gets a 502 (as from Lambda); after, the connection is cut, so a download fails
 * visibly rather than ending short. One log line per request.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { finished } from "node:stream/promises";
import { z } from "zod";
import { HTTP_INTEGRATION_CONTENT_TYPE, ResponseStream, splitPrelude, type StreamingHandler } from "./lambda-streaming";
import { readBody } from "./read-body";

export type FunctionUrlOptions = {
  functionName: string;
  port?: number;
  handler: () => Promise<StreamingHandler>;
  log: (line: string) => void;
};

export type RunningFunctionUrl = { url: string; stop(): Promise<void> };

const PreludeSchema = z.object({
  statusCode: z.number().int().min(100).max(599).default(200),
  headers: z.record(z.string(), z.string()).default({}),
  cookies: z.array(z.string()).default([]),
});

/** The event a Function URL sends (payload format 2.0). */
export function functionUrlEvent(req: IncomingMessage, body: Buffer, host: string) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && name !== "cookie") headers[name] = Array.isArray(value) ? value.join(",") : value;
  const now = new Date();
  const queryStringParameters = Object.fromEntries([...url.searchParams.keys()].map((name) => [name, url.searchParams.getAll(name).join(",")]));
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(url.search ? { queryStringParameters } : {}),
    requestContext: {
      accountId: "anonymous",
      apiId: "local",
      domainName: host,
      domainPrefix: "local",
      http: { method: req.method ?? "GET", path: url.pathname, protocol: "HTTP/1.1", sourceIp: req.socket.remoteAddress ?? "127.0.0.1", userAgent: req.headers["user-agent"] ?? "" },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: body.toString("base64"), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, opts: FunctionUrlOptions, host: string): Promise<void> {
  const started = performance.now();
  let bytes = 0;
  let head = Buffer.alloc(0);
  let isStarted = false;
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      if (res.destroyed) return reject(new Error("the client went away"));
      bytes += chunk.length;
      if (res.write(chunk)) resolve();
      else res.once("drain", () => resolve());
    });
  const sink = async (chunk: Buffer, contentType: string) => {
    if (isStarted) return write(chunk);
    if (contentType !== HTTP_INTEGRATION_CONTENT_TYPE) {
      isStarted = true;
      res.writeHead(200, { "content-type": contentType });
      return write(chunk);
    }
    head = Buffer.concat([head, chunk]);
    const split = splitPrelude(head);
    if (!split) return;
    const prelude = PreludeSchema.parse(JSON.parse(split[0]));
    isStarted = true;
    res.writeHead(prelude.statusCode, { ...prelude.headers, ...(prelude.cookies.length ? { "set-cookie": prelude.cookies } : {}) });
    if (split[1].length) await write(split[1]);
  };
  const stream = new ResponseStream(sink, () => undefined);
  // The handler learns of a failure through its writes (pipeline rejects); nothing else listens.
  stream.on("error", () => undefined);
  res.on("close", () => {
    if (!res.writableFinished) stream.destroy(new Error("the client went away"));
  });
  let outcome = "ok";
  try {
    const handler = await opts.handler();
    const event = functionUrlEvent(req, await readBody(req), host);
    await handler(event, stream, { functionName: opts.functionName, awsRequestId: event.requestContext.requestId });
    // The runtime ends the response when the handler resolves, after what it wrote has gone out.
    if (!stream.writableEnded) stream.end();
    if (!stream.writableFinished) await finished(stream);
    if (!isStarted) res.writeHead(200, { "content-type": stream.contentType });
    res.end();
  } catch (error) {
    outcome = `error: ${error instanceof Error ? error.message : String(error)}`;
    if (isStarted || res.headersSent) res.destroy();
    else {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ Message: "Internal Server Error" }));
    }
  }
  const status = res.statusCode;
  opts.log(`λ ${opts.functionName.padEnd(8)} ${req.method ?? "GET"} ${req.url ?? "/"}  ${status}  ${Math.round(performance.now() - started)} ms  ${(bytes / 1024).toFixed(0)} KB  ${outcome}`);
}

export async function startFunctionUrl(opts: FunctionUrlOptions): Promise<RunningFunctionUrl> {
  let host = "127.0.0.1";
  const server = createServer((req, res) => void serve(req, res, opts, host));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`the local ${opts.functionName} function URL cannot start: port ${opts.port} is busy`) : error),
    );
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}/`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
