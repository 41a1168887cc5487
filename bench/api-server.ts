/**
 * A minimal HTTP server for the benchmark: it hands each request to the same exported route handlers Next
 * would call (app/api/**), with the process environment the local stack provides. It leaves out Next's
 * own routing/rendering layer, so the figures measure our handlers + auth + DynamoDB, not `next start`.
 * Prints `listening <port>` on stdout once ready.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import * as receipt from "../app/api/expenses/[id]/receipt/route";
import * as item from "../app/api/expenses/[id]/route";
import * as collection from "../app/api/expenses/route";
import * as exportCsv from "../app/api/export/route";
import * as summary from "../app/api/summary/route";

type Handler = (req: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function handlerFor(method: string, pathname: string): { handler?: Handler; id: string } {
  const pick = (module: Record<string, unknown>) => module[method] as Handler | undefined;
  if (pathname === "/api/expenses") return { handler: pick(collection), id: "" };
  if (pathname === "/api/summary") return { handler: pick(summary), id: "" };
  // The export function's URL, relayed as `npm run dev` does (bench/chaos.ts).
  if (pathname === "/api/export") return { handler: pick(exportCsv), id: "" };
  const match = /^\/api\/expenses\/([^/]+)$/.exec(pathname);
  if (match) return { handler: pick(item), id: decodeURIComponent(match[1] ?? "") };
  const receiptMatch = /^\/api\/expenses\/([^/]+)\/receipt$/.exec(pathname);
  if (receiptMatch) return { handler: pick(receipt), id: decodeURIComponent(receiptMatch[1] ?? "") };
  return { id: "" };
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://127.0.0.1${req.url ?? "/"}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

async function respond(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = createServer((req, res) => {
  const request = toRequest(req);
  const { handler, id } = handlerFor(request.method, new URL(request.url).pathname);
  if (!handler) {
    res.statusCode = 404;
    res.end();
    return;
  }
  handler(request, { params: Promise.resolve({ id }) })
    .then((response) => respond(res, response))
    .catch((error: unknown) => {
      console.error(error);
      res.statusCode = 500;
      res.end();
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
