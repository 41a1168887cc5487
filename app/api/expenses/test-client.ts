/**
 * Calls the expenses API's route handlers in-process, as Next would, and checks every response against
 * the OpenAPI document (status documented, headers, body schema) and for a request id. Tests only.
 */
import { expect } from "vitest";
import { createContract, type ContractCheck } from "@/lib/openapi-contract";
import { openApiDocument } from "@/lib/openapi";
import { createTestUser, type TestUser } from "@/local/test-users";
import * as accountRoute from "../account/route";
import * as budgetsRoute from "../budgets/route";
import * as exportRoute from "../export/route";
import * as meRoute from "../me/route";
import * as openapiRoute from "../openapi.json/route";
import * as settingsRoute from "../settings/route";
import * as summaryRoute from "../summary/route";
import * as replacementRoute from "./[id]/receipt/replacement/route";
import * as receiptRoute from "./[id]/receipt/route";
import * as itemRoute from "./[id]/route";
import * as collectionRoute from "./route";
import * as importCommitRoute from "../imports/[id]/commit/route";
import * as importRoute from "../imports/[id]/route";
import * as importsRoute from "../imports/route";
import * as scanRoute from "../scans/[id]/route";
import * as scansRoute from "../scans/route";

const contract = createContract(openApiDocument() as unknown as Record<string, unknown>);

/** How an answer of a route (by path template) departs from the OpenAPI document; empty when it conforms. */
export const contractViolations = (check: ContractCheck): string[] => contract.violations(check);

export type ApiResult<T = unknown> = { status: number; headers: Headers; body: T };
export type ApiRequest = { json?: unknown; body?: BodyInit; headers?: Record<string, string>; token?: string | null };

type Handler = (req: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/** Every route handler under app/api, by its OpenAPI path template. */
const ROUTES: { pattern: RegExp; template: string; module: Record<string, unknown> }[] = [
  { pattern: /^\/api\/expenses$/, template: "/api/expenses", module: collectionRoute },
  { pattern: /^\/api\/expenses\/([^/]+)$/, template: "/api/expenses/{id}", module: itemRoute },
  { pattern: /^\/api\/expenses\/([^/]+)\/receipt$/, template: "/api/expenses/{id}/receipt", module: receiptRoute },
  { pattern: /^\/api\/expenses\/([^/]+)\/receipt\/replacement$/, template: "/api/expenses/{id}/receipt/replacement", module: replacementRoute },
  { pattern: /^\/api\/summary$/, template: "/api/summary", module: summaryRoute },
  { pattern: /^\/api\/budgets$/, template: "/api/budgets", module: budgetsRoute },
  { pattern: /^\/api\/settings$/, template: "/api/settings", module: settingsRoute },
  { pattern: /^\/api\/account$/, template: "/api/account", module: accountRoute },
  { pattern: /^\/api\/imports$/, template: "/api/imports", module: importsRoute },
  { pattern: /^\/api\/imports\/([^/]+)$/, template: "/api/imports/{id}", module: importRoute },
  { pattern: /^\/api\/imports\/([^/]+)\/commit$/, template: "/api/imports/{id}/commit", module: importCommitRoute },
  { pattern: /^\/api\/scans$/, template: "/api/scans", module: scansRoute },
  { pattern: /^\/api\/scans\/([^/]+)$/, template: "/api/scans/{id}", module: scanRoute },
  { pattern: /^\/api\/openapi\.json$/, template: "/api/openapi.json", module: openapiRoute },
  { pattern: /^\/api\/me$/, template: "/api/me", module: meRoute },
  { pattern: /^\/api\/export$/, template: "/api/export", module: exportRoute },
];

/** The OpenAPI path template of every route the client can call (tests check it against app/api's files). */
export const ROUTE_TEMPLATES: readonly string[] = ROUTES.map((r) => r.template);

function route(method: string, pathname: string): { template: string; handler: Handler; id: string } {
  for (const { pattern, template, module } of ROUTES) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const handler = module[method] as Handler | undefined;
    if (!handler) break;
    return { template, handler, id: decodeURIComponent(match[1] ?? "") };
  }
  throw new Error(`no route for ${method} ${pathname}`);
}

/** The methods a route's module exports (GET, POST, ...), by its path template. */
export function methodsOf(template: string): string[] {
  const exports = ROUTES.find((r) => r.template === template)?.module ?? {};
  return Object.keys(exports).filter((name) => typeof exports[name] === "function");
}

/**
 * Hands `req` to the handler Next would pick, with `id` as the route's `[id]` param (default: the URL's
 * segment, decoded as Next does), and returns its answer unchecked: for tests that send what no client would.
 */
export async function dispatch(req: Request, id?: string): Promise<{ template: string; response: Response }> {
  const { template, handler, id: fromPath } = route(req.method, new URL(req.url).pathname);
  return { template, response: await handler(req, { params: Promise.resolve({ id: id ?? fromPath }) }) };
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
    const { template, response } = await dispatch(req);
    const text = await response.text();
    const isJson = /json/.test(response.headers.get("content-type") ?? "application/json");
    const parsed: unknown = text === "" ? undefined : isJson ? JSON.parse(text) : text;
    expect(response.headers.get("x-request-id"), `${method} ${url} has a request id`).toBeTruthy();
    expect(contract.violations({ method, path: template, response, body: parsed }), `${method} ${url} -> ${response.status} ${text.slice(0, 300)}`).toEqual([]);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    request,
    get: <T = unknown>(url: string, options?: ApiRequest) => request<T>("GET", url, options),
    post: <T = unknown>(url: string, json: unknown, options?: ApiRequest) => request<T>("POST", url, { json, ...options }),
    patch: <T = unknown>(url: string, json: unknown, options?: ApiRequest) => request<T>("PATCH", url, { json, ...options }),
    put: <T = unknown>(url: string, json: unknown, options?: ApiRequest) => request<T>("PUT", url, { json, ...options }),
    delete: <T = unknown>(url: string, options?: ApiRequest) => request<T>("DELETE", url, options),
  };
}
export type Api = ReturnType<typeof apiAs>;

/** Two new users and a client acting as each: Alice owns the data, Bob must not reach it. */
export async function aliceAndBob(): Promise<{ alice: TestUser; aliceApi: Api; bob: TestUser; bobApi: Api }> {
  const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
  return { alice, aliceApi: apiAs(alice.accessToken), bob, bobApi: apiAs(bob.accessToken) };
}
