import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { createContract } from "./openapi-contract";
import { openApiDocument } from "./openapi";

const document = openApiDocument() as unknown as Record<string, unknown>;
const contract = createContract(document);

const expense = {
  id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2W",
  date: "2025-03-14",
  amount: "12.50",
  currency: "EUR",
  category: "Food",
  description: "Lunch",
  createdAt: "2025-03-14T09:00:00.000Z",
  updatedAt: "2025-03-14T09:00:00.000Z",
  version: 1,
};

function response(status: number, headers: Record<string, string>, type = "application/json"): Response {
  return new Response(null, { status, headers: { "content-type": type, "x-request-id": "r1", ...headers } });
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with every expenses route", () => {
    expect(document.openapi).toBe("3.1.0");
    const paths = document.paths as Record<string, Record<string, unknown>>;
    expect(Object.fromEntries(Object.entries(paths).map(([path, item]) => [path, Object.keys(item).sort()]))).toEqual({
      "/api/expenses": ["get", "post"],
      "/api/expenses/{id}": ["delete", "get", "patch"],
      "/api/expenses/{id}/receipt": ["delete", "get", "post"],
      "/api/expenses/{id}/receipt/replacement": ["delete"],
      "/api/export": ["get"],
      "/api/scans": ["post"],
      "/api/scans/{id}": ["delete", "get"],
      "/api/imports": ["get", "post"],
      "/api/imports/{id}": ["delete", "get", "patch"],
      "/api/imports/{id}/commit": ["post"],
      "/api/summary": ["get"],
      "/api/budgets": ["get", "put"],
      "/api/settings": ["get", "put"],
      "/api/account": ["delete"],
      "/api/me": ["get"],
      "/api/openapi.json": ["get"],
    });
  });

  it("documents every method of every route handler under app/api", () => {
    const api = join(process.cwd(), "app", "api");
    const routeFiles = readdirSync(api, { recursive: true, encoding: "utf8" }).filter((file) => /(^|[\\/])route\.ts$/.test(file));
    const handlers = routeFiles.flatMap((file) => {
      const path = "/api/" + relative(api, join(api, file)).split(sep).slice(0, -1).join("/").replace(/\[(\w+)\]/g, "{$1}");
      const source = readFileSync(join(api, file), "utf8");
      return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]?.toLowerCase()} ${path}`);
    });
    const paths = document.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(handlers.length).toBeGreaterThan(5);
    expect(handlers.filter((handler) => !documented.includes(handler))).toEqual([]);
  });

  it("describes amounts as decimal strings, never numbers", () => {
    const schemas = (document.components as { schemas: Record<string, { properties: Record<string, { type?: string }> }> }).schemas;
    expect(schemas.Expense?.properties.amount?.type).toBe("string");
    expect(schemas.NewExpense?.properties.amount?.type).toBe("string");
  });

  it("accepts a conforming response", () => {
    const res = response(201, { etag: '"1"', location: `/api/expenses/${expense.id}` });
    expect(contract.violations({ method: "POST", path: "/api/expenses", response: res, body: expense })).toEqual([]);
  });

  it("flags a float amount, a missing header and an undocumented status", () => {
    const res = response(201, { etag: '"1"' });
    expect(contract.violations({ method: "POST", path: "/api/expenses", response: res, body: { ...expense, amount: 12.5 } })).toEqual([
      "missing header location",
      expect.stringContaining("body: data/amount must be string"),
    ]);
    expect(contract.violations({ method: "GET", path: "/api/summary", response: response(418, {}), body: {} })).toEqual([
      "GET /api/summary does not document status 418",
    ]);
  });

  it("checks problem bodies against the Problem schema", () => {
    const res = response(404, {}, "application/problem+json");
    const problem = { type: "https://ledgerline.dev/problems/not-found", title: "Not found", status: 404, requestId: "r1" };
    expect(contract.violations({ method: "GET", path: "/api/expenses/{id}", response: res, body: problem })).toEqual([]);
    expect(contract.violations({ method: "GET", path: "/api/expenses/{id}", response: res, body: { title: "Not found" } })).not.toEqual([]);
  });
});
