import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { localStackEnv } from "@/local/test-stack";
import { ExpenseListQuerySchema, ExpensePatchSchema, NewExpenseSchema, SummaryQuerySchema, type ExpenseJson, type ExpenseList, type Summary } from "@/lib/schemas";
import { createTestUser } from "@/local/test-users";
import { apiAs, type Api, type ApiResult } from "./test-client";

let api: Api;
let seeded: ExpenseJson;
let requests = 0;

beforeAll(async () => {
  localStackEnv();
  api = apiAs((await createTestUser()).accessToken);
  seeded = (await api.post<ExpenseJson>("/api/expenses", expenseBody({ date: "2025-06-01", amount: "42.00" }))).body;
});

/** Every bad request gets a 4xx problem+json (never a 5xx); the client also validated it against OpenAPI. */
function expectRefused(res: ApiResult) {
  requests++;
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
}

const FIELDS = ["date", "amount", "currency", "category", "description", "merchant", "tags"];
const weirdValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.double(),
  fc.constantFrom("", " ", "0", "-1", "1e3", "NaN", "Infinity", "12.345", "0x1F", "１２", "2025-02-30", "eur", "EURO", "\u0000", "x".repeat(600)),
  fc.string({ maxLength: 40 }),
);

/** A body that is valid except for one to three fields changed, removed or added. */
const mutatedBody = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("set" as const), field: fc.oneof(fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 12 })), value: weirdValue }),
        fc.record({ kind: fc.constant("drop" as const), field: fc.constantFrom("date", "amount", "currency", "category") }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([changes]) => {
    const body: Record<string, unknown> = expenseBody({ date: "2025-06-02" });
    for (const change of changes) {
      if (change.kind === "drop") delete body[change.field];
      else body[change.field] = change.value;
    }
    return body;
  });

const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.array(fc.anything({ maxDepth: 1 })), fc.constant(null), fc.boolean());
/** What the server receives: JSON drops undefined members, so the oracle must judge the wire form. */
const onTheWire = (body: unknown): unknown => JSON.parse(JSON.stringify(body) ?? "null");
const isBadExpense = (body: unknown) => !NewExpenseSchema.safeParse(body).success;
const isBadPatch = (body: unknown) => !ExpensePatchSchema.safeParse(body).success;

const queryValue = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("0", "101", "-5", "1e2", "2025-13-01", "2025-02-30", "", "2026-01-01"));
const queryKey = fc.oneof(fc.constantFrom("from", "to", "category", "q", "limit", "cursor"), fc.string({ minLength: 1, maxLength: 10 }));
const query = fc.dictionary(queryKey, queryValue, { minKeys: 1, maxKeys: 4 });
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe("bad input never gets past validation", () => {
  it("refuses 500 malformed POST bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedBody, notAnObject).map(onTheWire).filter(isBadExpense), async (body) => {
        expectRefused(await api.post("/api/expenses", body));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses 100 bodies that are not JSON or not sent as JSON", async () => {
    const raw = fc.oneof(
      fc.record({ body: fc.string().filter((s) => !isJson(s)), type: fc.constant("application/json") }),
      fc.record({ body: fc.json(), type: fc.constantFrom("text/plain", "application/xml", "multipart/form-data", "application/json; charset=latin1") }),
    );
    await fc.assert(
      fc.asyncProperty(raw, async ({ body, type }) => {
        expectRefused(await api.request("POST", "/api/expenses", { body, headers: { "content-type": type } }));
      }),
      { numRuns: 100 },
    );
  });

  it("refuses 200 malformed PATCH bodies and If-Match headers, leaving the expense as it was", async () => {
    const badHeader = fc.oneof(fc.constantFrom("*", "W/\"1\"", "1", '"0"', '"1", "2"', '"x"'), fc.stringMatching(/^[\x21-\x7e]{1,12}$/));
    const patchCase = fc.oneof(
      fc.record({ body: fc.oneof(mutatedBody.map(({ date: _d, ...rest }) => rest), notAnObject, fc.constant({})).map(onTheWire).filter(isBadPatch), ifMatch: fc.constant('"1"') }),
      fc.record({ body: fc.constant<unknown>({ description: "x" }), ifMatch: badHeader.filter((h) => h !== '"1"') }),
    );
    await fc.assert(
      fc.asyncProperty(patchCase, async ({ body, ifMatch }) => {
        expectRefused(await api.patch(`/api/expenses/${seeded.id}`, body, { headers: { "if-match": ifMatch } }));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses 150 malformed list queries", async () => {
    await fc.assert(
      fc.asyncProperty(query.filter((params) => !ExpenseListQuerySchema.safeParse(params).success || "cursor" in params), async (params) => {
        expectRefused(await api.get(`/api/expenses?${qs(params)}`));
      }),
      { numRuns: 150 },
    );
  });

  it("refuses 100 malformed summary queries", async () => {
    const summaryQuery = fc.oneof(query, fc.record({ from: fc.string({ maxLength: 8 }), to: fc.string({ maxLength: 8 }) }));
    await fc.assert(
      fc.asyncProperty(summaryQuery.filter((params) => !SummaryQuerySchema.safeParse(params).success), async (params) => {
        expectRefused(await api.get(`/api/summary?${qs(params)}`));
      }),
      { numRuns: 100 },
    );
  });

  it("wrote nothing: after 1,000+ refused requests the data is exactly the one seeded expense", async () => {
    expect(requests).toBeGreaterThanOrEqual(1_000);
    const list = await api.get<ExpenseList>("/api/expenses?limit=100");
    expect(list.body).toEqual({ items: [seeded], nextCursor: null });
    const summary = await api.get<Summary>("/api/summary?from=2025-01-01&to=2025-12-31");
    expect(summary.body.totals).toEqual([{ month: "2025-06", currency: "EUR", category: "Food", amount: "42.00", count: 1 }]);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
