import { beforeAll, describe, expect, it } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { localStackEnv } from "@/local/test-stack";
import { formatAmount, parseAmount } from "@/lib/money";
import type { ExpenseJson, ExpenseList, Summary } from "@/lib/schemas";
import { createTestUser } from "@/local/test-users";
import { apiAs, type Api } from "./test-client";

beforeAll(() => {
  localStackEnv();
});

async function everyExpense(api: Api): Promise<ExpenseJson[]> {
  const items: ExpenseJson[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: ExpenseList } = await api.get<ExpenseList>(`/api/expenses?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** The summary computed the slow way, straight from the items. */
function sumOf(items: ExpenseJson[]): Summary["totals"] {
  const cells = new Map<string, { month: string; currency: string; category: string; minor: bigint; count: number }>();
  for (const e of items) {
    const key = [e.date.slice(0, 7), e.currency, e.category].join("|");
    const cell = cells.get(key) ?? { month: e.date.slice(0, 7), currency: e.currency, category: e.category, minor: 0n, count: 0 };
    cell.minor += parseAmount(e.amount, e.currency);
    cell.count += 1;
    cells.set(key, cell);
  }
  return [...cells.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, { minor, ...cell }]) => ({ ...cell, amount: formatAmount(minor, cell.currency) }));
}

describe("expenses API under concurrency", () => {
  it("100 concurrent POSTs where 20 reuse 5 idempotency keys make exactly 85 expenses; the summary is their sum", async () => {
    const api = apiAs((await createTestUser()).accessToken);
    const posts = Array.from({ length: 100 }, (_, i) => {
      if (i < 20) return api.post("/api/expenses", expenseBody({ amount: `${i % 5}.25`, currency: "EUR" }), { headers: { "idempotency-key": `dup-${i % 5}` } });
      const body = expenseBody({
        date: `2025-0${1 + (i % 3)}-1${i % 10}`,
        amount: i % 4 === 0 ? `${i * 100}` : `${i}.${String(i % 100).padStart(2, "0")}`,
        currency: i % 4 === 0 ? "JPY" : i % 4 === 1 ? "KWD" : "EUR",
        category: ["Food", "Travel", "Rent"][i % 3],
      });
      return api.post("/api/expenses", body, i % 2 ? { headers: { "idempotency-key": `unique-${i}` } } : {});
    });
    const responses = await Promise.all(posts);
    expect(responses.map((r) => r.status).every((s) => s === 201)).toBe(true);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(15);
    const items = await everyExpense(api);
    expect(items).toHaveLength(85);
    const summary = await api.get<Summary>("/api/summary?from=2025-01-01&to=2025-12-31");
    expect(summary.body.totals).toEqual(sumOf(items));
  });

  it("20 concurrent PATCHes with the same If-Match: exactly one 200, the rest 412", async () => {
    const api = apiAs((await createTestUser()).accessToken);
    const { body: expense } = await api.post<ExpenseJson>("/api/expenses", expenseBody({ amount: "10.00" }));
    const patches = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.patch(`/api/expenses/${expense.id}`, { amount: `${20 + i}.00`, category: i % 2 ? "Travel" : "Food" }, { headers: { "if-match": '"1"' } }),
      ),
    );
    const statuses = patches.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(412)]);
    const stored = await api.get<ExpenseJson>(`/api/expenses/${expense.id}`);
    expect(stored.body.version).toBe(2);
    const summary = await api.get<Summary>("/api/summary?from=2025-03-01&to=2025-03-31");
    expect(summary.body.totals).toEqual(sumOf([stored.body]));
  });
});
