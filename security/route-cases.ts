/**
 * One well-formed request for every method of every route under app/api, aimed at the ids of `OwnedData`.
 * Sent by the owner it succeeds (the control); sent by anyone else, or with a bad token, it must not.
 * Ordered so that each owner's request finds what it needs: destructive ones come after the reads they
 * would break, and deleting the account comes last. Tests only.
 */
import type { Api, ApiRequest, ApiResult } from "@/app/api/expenses/test-client";
import type { ImportJson } from "@/lib/imports/import-schemas";
import { until, type OwnedData } from "./tenant-data";

export type RouteCase = {
  method: string;
  template: string;
  url: (data: OwnedData) => string;
  json?: (data: OwnedData) => unknown;
  headers?: (data: OwnedData) => Record<string, string>;
  /** Whether the path names one of the owner's things (expense, import, scan): another user gets a 404. */
  isById: boolean;
  /** What the owner gets. */
  ownerStatus: number;
  /** Waits for what the owner's request started in the background (the import function's commit or undo). */
  settle?: (data: OwnedData) => Promise<unknown>;
};

const expense = (d: OwnedData) => `/api/expenses/${d.expense.id}`;
const importOf = (d: OwnedData) => `/api/imports/${d.importJson.id}`;
const scanOf = (d: OwnedData) => `/api/scans/${d.scanId}`;
const receiptGrant = () => ({ contentType: "image/png", size: 100 });

export const ROUTE_CASES: readonly RouteCase[] = [
  { method: "GET", template: "/api/expenses", url: () => "/api/expenses?limit=100", isById: false, ownerStatus: 200 },
  { method: "POST", template: "/api/expenses", url: () => "/api/expenses", json: () => ({ date: "2025-05-01", amount: "1.00", currency: "EUR", category: "Food", description: "Probe" }), isById: false, ownerStatus: 201 },
  { method: "GET", template: "/api/expenses/{id}", url: expense, isById: true, ownerStatus: 200 },
  { method: "GET", template: "/api/expenses/{id}/receipt", url: (d) => `${expense(d)}/receipt`, isById: true, ownerStatus: 200 },
  { method: "POST", template: "/api/expenses/{id}/receipt", url: (d) => `${expense(d)}/receipt`, json: receiptGrant, isById: true, ownerStatus: 201 },
  { method: "DELETE", template: "/api/expenses/{id}/receipt/replacement", url: (d) => `${expense(d)}/receipt/replacement`, isById: true, ownerStatus: 204 },
  { method: "DELETE", template: "/api/expenses/{id}/receipt", url: (d) => `${expense(d)}/receipt`, isById: true, ownerStatus: 204 },
  {
    method: "PATCH",
    template: "/api/expenses/{id}",
    url: expense,
    json: () => ({ description: "Probed" }),
    headers: (d) => ({ "if-match": `"${d.expense.version}"` }),
    isById: true,
    ownerStatus: 200,
  },
  { method: "DELETE", template: "/api/expenses/{id}", url: expense, isById: true, ownerStatus: 204 },
  { method: "GET", template: "/api/summary", url: () => "/api/summary?from=2025-01-01&to=2025-12-31", isById: false, ownerStatus: 200 },
  { method: "GET", template: "/api/export", url: () => "/api/export", isById: false, ownerStatus: 200 },
  { method: "GET", template: "/api/budgets", url: () => "/api/budgets", isById: false, ownerStatus: 200 },
  { method: "PUT", template: "/api/budgets", url: () => "/api/budgets", json: () => ({ budgets: [{ category: "Travel", currency: "EUR", limit: "50.00" }] }), isById: false, ownerStatus: 200 },
  { method: "GET", template: "/api/settings", url: () => "/api/settings", isById: false, ownerStatus: 200 },
  { method: "PUT", template: "/api/settings", url: () => "/api/settings", json: () => ({ theme: "dark" }), isById: false, ownerStatus: 200 },
  { method: "GET", template: "/api/me", url: () => "/api/me", isById: false, ownerStatus: 200 },
  { method: "GET", template: "/api/imports", url: () => "/api/imports", isById: false, ownerStatus: 200 },
  { method: "POST", template: "/api/imports", url: () => "/api/imports", json: () => ({ fileName: "probe.csv", size: 10, contentType: "text/csv" }), isById: false, ownerStatus: 201 },
  { method: "GET", template: "/api/imports/{id}", url: importOf, isById: true, ownerStatus: 200 },
  { method: "PATCH", template: "/api/imports/{id}", url: importOf, json: (d) => ({ settings: d.importJson.settings }), isById: true, ownerStatus: 200 },
  {
    method: "POST",
    template: "/api/imports/{id}/commit",
    url: (d) => `${importOf(d)}/commit`,
    json: () => ({}),
    isById: true,
    ownerStatus: 202,
    settle: (d) => until(async () => (await d.api.get<ImportJson>(importOf(d))).body, (i) => i.status === "done", "the commit"),
  },
  {
    method: "DELETE",
    template: "/api/imports/{id}",
    url: importOf,
    isById: true,
    ownerStatus: 202,
    settle: (d) => until(async () => (await d.api.get<ImportJson>(importOf(d))).body, (i) => i.status === "undone", "the undo"),
  },
  { method: "POST", template: "/api/scans", url: () => "/api/scans", json: () => ({ contentType: "image/jpeg", size: 1000, today: "2025-06-30", currency: "EUR" }), isById: false, ownerStatus: 201 },
  { method: "GET", template: "/api/scans/{id}", url: scanOf, isById: true, ownerStatus: 200 },
  { method: "DELETE", template: "/api/scans/{id}", url: scanOf, isById: true, ownerStatus: 204 },
  { method: "DELETE", template: "/api/account", url: () => "/api/account", json: (d) => ({ confirmEmail: d.user.email }), isById: false, ownerStatus: 204 },
];

/** Routes that are public by design: no token, no user data. */
export const PUBLIC_ROUTES = [{ method: "GET", template: "/api/openapi.json" }] as const;

/** Sends a case's request through `api`; `options` adds to (or overrides) its body and headers. */
export function sendCase(api: Api, routeCase: RouteCase, data: OwnedData, options: ApiRequest = {}): Promise<ApiResult> {
  const json = routeCase.json?.(data);
  return api.request(routeCase.method, routeCase.url(data), { ...(json !== undefined ? { json } : {}), ...options, headers: { ...routeCase.headers?.(data), ...options.headers } });
}
