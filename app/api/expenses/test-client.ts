/**
 * Calls the expenses API's route handlers in-process, as Next would, and checks every response against
 * the OpenAPI document (status documented, headers, body schema) and for a request id. Tests only.
 */
import { expect } from "vitest";
import { createContract } from "@/lib/openapi-contract";
import { openApiDocument } from "@/lib/openapi";
import * as openapiRoute from "../openapi.json/route";
import * as summaryRoute from "../summary/route";
import * as replacementRoute from "./[id]/receipt/replacement/route";
import * as receiptRoute from "./[id]/receipt/route";
import * as itemRoute from "./[id]/route";
import * as collectionRoute from "./route";

const contract = createContract(openApiDocument() as unknown as Record<string, unknown>);

export type ApiResult<T = unknown> = { status: number; headers: Headers; body: T };
export type ApiRequest = { json?: unknown; body?: BodyInit; headers?: Record<string, string>; token?: string | null };

type Handler = (req: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function route(method: string, pathname: string): { template: string; handler: Handler; id: string } {
  const noParams = (handler: (req: Request) => Promise<Response>): Handler => (req) => handler(req);
  const pick = (module: Record<string, unknown>): Handler | undefined => module[method] as Handler | undefined;
  const item = /^\/api\/expenses\/([^/]+)$/.exec(pathname);
  const receipt = /^\/api\/expenses\/([^/]+)\/receipt$/.exec(pathname);
  const replacement = /^\/api\/expenses\/([^/]+)\/receipt\/replacement$/.exec(pathname);
  const found: [string, Handler | undefined, string] =
    pathname === "/api/expenses"
      ? ["/api/expenses", pick(collectionRoute), ""]
      : item
        ? ["/api/expenses/{id}", pick(itemRoute), decodeURIComponent(item[1] ?? "")]
        : receipt
          ? ["/api/expenses/{id}/receipt", pick(receiptRoute), decodeURIComponent(receipt[1] ?? "")]
          : replacement
            ? ["/api/expenses/{id}/receipt/replacement", pick(replacementRoute), decodeURIComponent(replacement[1] ?? "")]
            : pathname === "/api/summary"
          ? ["/api/summary", pick(summaryRoute), ""]
          : pathname === "/api/openapi.json"
            ? ["/api/openapi.json", method === "GET" ? noParams(openapiRoute.GET) : undefined, ""]
            : ["", undefined, ""];
  const [template, handler, id] = found;
  if (!handler) throw new Error(`no route for ${method} ${pathname}`);
  return { template, handler, id };
}

/** An API client acting as the holder of `token` (null: no Authorization header). */
export function apiAs(token: string | null) {
  async function request<T = unknown>(method: string, url: string, options: ApiRequest = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    const actor = options.token === undefined ? token : options.token;
    if (actor) headers.authorization = `Bearer ${actor}`;
    if (options.json !== undefined) headers["content-type"] = "application/json";
    Object.assign(headers, options.headers);
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
    const req = new Request(new URL(url, "http://localhost"), { method, headers, body });
    const { template, handler, id } = route(method, new URL(req.url).pathname);
    const response = await handler(req, { params: Promise.resolve({ id }) });
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    expect(response.headers.get("x-request-id"), `${method} ${url} has a request id`).toBeTruthy();
    expect(contract.violations({ method, path: template, response, body: parsed }), `${method} ${url} -> ${response.status} ${text.slice(0, 300)}`).toEqual([]);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    request,
    get: <T = unknown>(url: string, options?: ApiRequest) => request<T>("GET", url, options),
    post: <T = unknown>(url: string, json: unknown, options?: ApiRequest) => request<T>("POST", url, { json, ...options }),
    patch: <T = unknown>(url: string, json: unknown, options?: ApiRequest) => request<T>("PATCH", url, { json, ...options }),
    delete: (url: string, options?: ApiRequest) => request("DELETE", url, options),
  };
}
export type Api = ReturnType<typeof apiAs>;
