/**
 * What a caller sees while DynamoDB is down (connection refused) or stalled (a process that accepts and never
 * answers): every route, and the export function, answers 503 problem+json with Retry-After within 5 s, never
 * a 500 and never a hang. Each case loads the routes afresh with AWS_ENDPOINT_URL_DYNAMODB pointing there, as a
 * cold start would; Cognito (token verification) stays the local stack's.
 */
import { createServer, type Server, type Socket } from "node:net";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { startFunctionUrl } from "@/local/function-url";
import { installLambdaStreamingGlobals, isStreamingHandler } from "@/local/lambda-streaming";
import { localStackEnv } from "@/local/test-stack";
import { createTestUser } from "@/local/test-users";

const PATIENCE_MS = 5_000;

type Handler = (req: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

let token: string;
let stalled: Server;
const held: Socket[] = [];
let stalledEndpoint: string;
let refusedEndpoint: string;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(address && typeof address === "object" ? address.port : 0);
    }),
  );
}

beforeAll(async () => {
  // lib/http logs one warning per outage answer; expected here.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  localStackEnv();
  token = (await createTestUser()).accessToken;
  stalled = createServer((socket) => held.push(socket));
  stalledEndpoint = `http://127.0.0.1:${await listen(stalled)}`;
  // A port that was just free and is closed again: connections are refused.
  const closed = createServer();
  refusedEndpoint = `http://127.0.0.1:${await listen(closed)}`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => stalled.close(resolve));
});

/** The route modules as a fresh process would load them, with DynamoDB at `endpoint`. */
async function routesWithDynamoDbAt(endpoint: string) {
  vi.resetModules();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  const [collection, item, receipt, summary] = await Promise.all([
    import("@/app/api/expenses/route"),
    import("@/app/api/expenses/[id]/route"),
    import("@/app/api/expenses/[id]/receipt/route"),
    import("@/app/api/summary/route"),
  ]);
  const id = ulid();
  const call = (handler: Handler, method: string, path: string, init: { json?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const req = new Request(`http://localhost${path}`, { method, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) });
    return handler(req, { params: Promise.resolve({ id }) });
  };
  return {
    "POST /api/expenses": () => call(collection.POST, "POST", "/api/expenses", { json: expenseBody(), headers: { "idempotency-key": ulid() } }),
    "GET /api/expenses": () => call(collection.GET, "GET", "/api/expenses"),
    "GET /api/expenses/{id}": () => call(item.GET, "GET", `/api/expenses/${id}`),
    "PATCH /api/expenses/{id}": () => call(item.PATCH, "PATCH", `/api/expenses/${id}`, { json: { description: "x" }, headers: { "if-match": '"1"' } }),
    "DELETE /api/expenses/{id}": () => call(item.DELETE, "DELETE", `/api/expenses/${id}`),
    "POST /api/expenses/{id}/receipt": () => call(receipt.POST, "POST", `/api/expenses/${id}/receipt`, { json: { contentType: "image/jpeg", size: 1000 } }),
    "GET /api/summary": () => call(summary.GET, "GET", "/api/summary?from=2025-01-01&to=2025-12-31"),
  };
}

async function expectUnavailable(response: Promise<Response>) {
  const started = performance.now();
  const res = await response;
  const elapsed = performance.now() - started;
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await res.json()).toMatchObject({ status: 503, type: "https://ledgerline.dev/problems/service-unavailable" });
  expect(elapsed).toBeLessThan(PATIENCE_MS);
}

describe.each([
  ["refuses connections", () => refusedEndpoint],
  ["accepts connections and never answers", () => stalledEndpoint],
])("while DynamoDB %s", (_, endpoint) => {
  it("every route answers 503 problem+json with Retry-After within 5 s", async () => {
    const routes = await routesWithDynamoDbAt(endpoint());
    // All at once: a stalled database costs each request its full timeout, and they must not queue behind each other.
    await Promise.all(Object.values(routes).map((send) => expectUnavailable(send())));
  });

  it("the export function answers 503 problem+json with Retry-After within 5 s, before any CSV byte", async () => {
    vi.resetModules();
    process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint();
    installLambdaStreamingGlobals();
    const { handler } = await import("@/functions/export");
    if (!isStreamingHandler(handler)) throw new Error("functions/export is not a streaming handler");
    const url = await startFunctionUrl({ functionName: "export", handler: () => Promise.resolve(handler), log: () => undefined });
    try {
      await expectUnavailable(fetch(`${url.url}?from=2025-01-01&to=2025-12-31`, { headers: { authorization: `Bearer ${token}` } }));
    } finally {
      await url.stop();
    }
  });
});
