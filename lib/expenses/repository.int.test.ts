import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError, PreconditionFailedError, TooManyRequestsError, ValidationError } from "../errors";
import { IdempotencyKeyReusedError } from "../idempotency";
import { createRateLimiter } from "../rate-limit";
import { ExpenseListQuerySchema, ExpensePatchSchema, type ExpenseJson, type Summary } from "../schemas";
import { expenseBody, newExpenseInput, newUserId } from "./test-support";
import { localRepository } from "@/local/test-stack";

let repo: ReturnType<typeof localRepository>;
beforeAll(() => {
  repo = localRepository();
});

const patch = (body: Record<string, unknown>) => ExpensePatchSchema.parse(body);
const listQuery = (query: Record<string, string>) => ExpenseListQuerySchema.parse(query);
const yearSummary = (userId: string) => repo.expensesOf(userId).summary({ from: "2020-01-01", to: "2029-12-31" });

/** What the summary must say for a set of expenses, computed directly from the items. */
/**
 * The summary's totals as an independent sum of the listed items: per month, category and currency, adding the
 * amounts' digits as integers (the API writes every amount with its currency's decimals). Sorted, as the summary is.
 */
function expectedTotals(items: ExpenseJson[]): Summary["totals"] {
  const cells = new Map<string, { month: string; category: string; currency: string; minor: bigint; decimals: number; count: number }>();
  for (const item of items) {
    const key = `${item.date.slice(0, 7)}|${item.category}|${item.currency}`;
    const decimals = item.amount.split(".")[1]?.length ?? 0;
    const cell = cells.get(key) ?? { month: item.date.slice(0, 7), category: item.category, currency: item.currency, minor: 0n, decimals, count: 0 };
    cells.set(key, { ...cell, minor: cell.minor + BigInt(item.amount.replace(".", "")), count: cell.count + 1 });
  }
  const decimal = (minor: bigint, decimals: number) => {
    if (decimals === 0) return minor.toString();
    const digits = minor.toString().padStart(decimals + 1, "0");
    return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  };
  return [...cells.values()].map(({ month, category, currency, minor, decimals, count }) => ({ month, currency, category, amount: decimal(minor, decimals), count }));
}

/** Totals in one order, so two lists of the same cells compare equal. */
const byCell = (totals: Summary["totals"]) =>
  [...totals].sort((a, b) => `${a.month}|${a.category}|${a.currency}`.localeCompare(`${b.month}|${b.category}|${b.currency}`));

async function allItems(userId: string): Promise<ExpenseJson[]> {
  const items: ExpenseJson[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.expensesOf(userId).list(listQuery({ limit: "100", ...(cursor ? { cursor } : {}) }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe("expenses repository: CRUD", () => {
  it("creates, reads, patches and deletes an expense, keeping the month's aggregate in step", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    const { expense, isReplayed } = await expenses.create(newExpenseInput({ amount: "12.5", merchant: "Café Central", tags: ["work", "work"] }));
    expect(isReplayed).toBe(false);
    expect(expense).toMatchObject({ amount: "12.50", currency: "EUR", category: "Food", merchant: "Café Central", tags: ["work"], version: 1 });
    expect(await expenses.get(expense.id)).toEqual(expense);

    const changed = await expenses.update(expense.id, patch({ amount: "20", category: "Travel", merchant: null }), 1);
    expect(changed).toMatchObject({ amount: "20.00", category: "Travel", version: 2 });
    expect(changed).not.toHaveProperty("merchant");
    expect(await expenses.get(expense.id)).toEqual(changed);
    expect((await yearSummary(user)).totals).toEqual([{ month: "2025-03", currency: "EUR", category: "Travel", amount: "20.00", count: 1 }]);

    await expenses.remove(expense.id);
    await expect(expenses.get(expense.id)).rejects.toThrow(NotFoundError);
    expect((await yearSummary(user)).totals).toEqual([]);
  });

  it("moves the amount between months and currencies when the date and currency change", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    const { expense } = await expenses.create(newExpenseInput({ date: "2025-01-31", amount: "3.000", currency: "KWD" }));
    await expenses.create(newExpenseInput({ date: "2025-01-15", amount: "1.250", currency: "KWD" }));
    await expenses.update(expense.id, patch({ date: "2025-02-01", currency: "JPY", amount: "500" }), 1);
    expect((await yearSummary(user)).totals).toEqual([
      { month: "2025-01", currency: "KWD", category: "Food", amount: "1.250", count: 1 },
      { month: "2025-02", currency: "JPY", category: "Food", amount: "500", count: 1 },
    ]);
  });

  it("checks an amount patched alone against the stored currency", async () => {
    const expenses = repo.expensesOf(newUserId());
    const { expense } = await expenses.create(newExpenseInput({ amount: "1200", currency: "JPY" }));
    await expect(expenses.update(expense.id, patch({ amount: "12.50" }), 1)).rejects.toThrow(ValidationError);
    expect(await expenses.get(expense.id)).toEqual(expense);
  });

  it("keeps attributes written by others (the receipt state) through a patch", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    const { expense } = await expenses.create(newExpenseInput());
    const key = { userId: user, sk: `EXP#${expense.id}` };
    const { Item } = await repo.client.send(new GetCommand({ TableName: repo.tableName, Key: key }));
    await repo.client.send(new PutCommand({ TableName: repo.tableName, Item: { ...Item, receipt: { status: "ready", contentType: "image/png", key: "receipts/x", updatedAt: "2025-03-14T10:00:00.000Z" } } }));
    const changed = await expenses.update(expense.id, patch({ description: "Dinner" }), 1);
    expect(changed.receipt).toEqual({ status: "ready", contentType: "image/png", hasThumbnail: false, updatedAt: "2025-03-14T10:00:00.000Z" });
    expect(await expenses.get(expense.id)).toMatchObject({ description: "Dinner", receipt: { status: "ready" } });
  });

  it("reads totals beyond 2^53 minor units exactly", async () => {
    const user = newUserId();
    await repo.client.send(
      new PutCommand({ TableName: repo.tableName, Item: { userId: user, sk: "AGG#2025-03#Food", "t#EUR": 9_007_199_254_740_993n, "n#EUR": 9_008 } }),
    );
    await repo.expensesOf(user).create(newExpenseInput({ amount: "0.07" }));
    expect((await yearSummary(user)).totals).toEqual([{ month: "2025-03", currency: "EUR", category: "Food", amount: "90071992547410.00", count: 9_009 }]);
  });
});

describe("expenses repository: per-user data", () => {
  it("answers 404 to another user on every operation and leaves the owner's data unchanged", async () => {
    const owner = newUserId();
    const { expense } = await repo.expensesOf(owner).create(newExpenseInput());
    const intruder = repo.expensesOf(newUserId());
    await expect(intruder.get(expense.id)).rejects.toThrow(NotFoundError);
    await expect(intruder.update(expense.id, patch({ amount: "1.00" }), 1)).rejects.toThrow(NotFoundError);
    await expect(intruder.remove(expense.id)).rejects.toThrow(NotFoundError);
    await expect(intruder.remove(expense.id, 1)).rejects.toThrow(NotFoundError);
    expect((await intruder.list(listQuery({}))).items).toEqual([]);
    expect(await repo.expensesOf(owner).get(expense.id)).toEqual(expense);
    expect(byCell((await yearSummary(owner)).totals)).toEqual(byCell(expectedTotals([expense])));
  });

  it("treats a malformed id as not found", async () => {
    await expect(repo.expensesOf(newUserId()).get("x".repeat(2_000))).rejects.toThrow(NotFoundError);
  });
});

describe("expenses repository: idempotency", () => {
  it("replays the first result for a retry with the same key and body", async () => {
    const expenses = repo.expensesOf(newUserId());
    const first = await expenses.create(newExpenseInput({ amount: "9.9" }), "key-1");
    const retry = await expenses.create(newExpenseInput({ amount: "9.90" }), "key-1");
    expect(retry).toEqual({ expense: first.expense, isReplayed: true });
    expect(await allItemsOf(expenses)).toHaveLength(1);
  });

  it("refuses the same key with a different body, writing nothing", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    await expenses.create(newExpenseInput(), "key-2");
    await expect(expenses.create(newExpenseInput({ amount: "1.00" }), "key-2")).rejects.toThrow(IdempotencyKeyReusedError);
    expect(await allItems(user)).toHaveLength(1);
  });

  it("forgets a key after 24 hours", async () => {
    const user = newUserId();
    let now = new Date("2025-03-14T10:00:00Z");
    const expenses = localRepository({ client: repo.client, now: () => now }).expensesOf(user);
    await expenses.create(newExpenseInput(), "key-3");
    now = new Date("2025-03-15T10:00:01Z");
    expect((await expenses.create(newExpenseInput(), "key-3")).isReplayed).toBe(false);
    expect(await allItems(user)).toHaveLength(2);
  });

  it("keys are per user: the same key of two users makes two expenses", async () => {
    const a = await repo.expensesOf(newUserId()).create(newExpenseInput(), "shared-key");
    const b = await repo.expensesOf(newUserId()).create(newExpenseInput({ amount: "1.00" }), "shared-key");
    expect(b.isReplayed).toBe(false);
    expect(b.expense.id).not.toBe(a.expense.id);
  });
});

async function allItemsOf(expenses: ReturnType<typeof repo.expensesOf>): Promise<ExpenseJson[]> {
  return (await expenses.list(listQuery({ limit: "100" }))).items;
}

describe("expenses repository: concurrency", () => {
  it("100 concurrent creates where 20 reuse 5 keys make exactly 85 expenses, and the summary is their sum", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    const calls = Array.from({ length: 100 }, (_, i) => {
      const body = expenseBody({ amount: `${1 + (i % 7)}.${String(i).padStart(2, "0")}`, category: ["Food", "Travel", "Rent"][i % 3], date: `2025-0${1 + (i % 3)}-10` });
      if (i < 20) return expenses.create(newExpenseInput(expenseBody({ amount: `${i % 5}.50`, category: "Food" })), `dup-${i % 5}`);
      return expenses.create(newExpenseInput(body));
    });
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.isReplayed)).toHaveLength(15);
    const items = await allItems(user);
    expect(items).toHaveLength(85);
    expect(new Set(results.map((r) => r.expense.id)).size).toBe(85);
    expect(byCell((await yearSummary(user)).totals)).toEqual(byCell(expectedTotals(items)));
  });

  it("20 concurrent patches with the same version: exactly one wins, the others are 412", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    const { expense } = await expenses.create(newExpenseInput());
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => expenses.update(expense.id, patch({ amount: `${i + 1}.00` }), 1)));
    const winners = outcomes.filter((o) => o.status === "fulfilled");
    expect(winners).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(PreconditionFailedError);
    const stored = await expenses.get(expense.id);
    expect(stored.version).toBe(2);
    expect(byCell((await yearSummary(user)).totals)).toEqual(byCell(expectedTotals([stored])));
  });

  it("concurrent deletes and patches never leave the aggregate counting a deleted amount", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => expenses.create(newExpenseInput({ amount: `${i + 1}.00` }))));
    const outcomes = await Promise.allSettled(
      created.flatMap(({ expense }, i) => [expenses.remove(expense.id), expenses.update(expense.id, patch({ amount: `${i + 50}.00`, category: "Travel" }), 1)]),
    );
    // Each delete succeeds (it names no version); each patch either came first (and was then deleted) or found
    // the expense gone: a 404, never anything else.
    const removes = outcomes.filter((_, i) => i % 2 === 0);
    const updates = outcomes.filter((_, i) => i % 2 === 1);
    expect(removes.map((o) => o.status)).toEqual(Array.from({ length: 10 }, () => "fulfilled"));
    for (const outcome of updates) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(NotFoundError);
    expect(await allItems(user)).toEqual([]);
    expect((await yearSummary(user)).totals).toEqual([]);
  });
});

describe("expenses repository: listing", () => {
  const user = newUserId();
  let all: ExpenseJson[] = [];
  const CATEGORIES = ["Food", "Travel", "Groceries", "Transport"];
  const newestFirst = (a: ExpenseJson, b: ExpenseJson) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1);

  beforeAll(async () => {
    const expenses = repo.expensesOf(user);
    const bodies = Array.from({ length: 250 }, (_, i) =>
      expenseBody({
        date: `2025-0${1 + (i % 4)}-${String(1 + ((i * 7) % 9)).padStart(2, "0")}`,
        amount: `${1 + i}.00`,
        category: CATEGORIES[i % CATEGORIES.length],
        description: i % 3 === 0 ? `Coffee #${i}` : `Item ${i}`,
        merchant: i % 5 === 0 ? "CAFÉ Central" : undefined,
      }),
    );
    for (let i = 0; i < bodies.length; i += 25) {
      const batch = await Promise.all(bodies.slice(i, i + 25).map((body) => expenses.create(newExpenseInput(body))));
      all.push(...batch.map((r) => r.expense));
    }
    all = all.sort(newestFirst);
  });

  const filters: [string, Record<string, string>, (e: ExpenseJson) => boolean][] = [
    ["no filter", {}, () => true],
    ["a date range", { from: "2025-02-03", to: "2025-03-05" }, (e) => e.date >= "2025-02-03" && e.date <= "2025-03-05"],
    ["a single day", { from: "2025-01-08", to: "2025-01-08" }, (e) => e.date === "2025-01-08"],
    ["a category", { category: "Travel" }, (e) => e.category === "Travel"],
    ["a category typed in lower case", { category: "food" }, (e) => e.category === "Food"],
    ["a category and a month", { category: "Groceries", from: "2025-03-01", to: "2025-03-31" }, (e) => e.category === "Groceries" && e.date.startsWith("2025-03")],
    ["q on the description", { q: "coffee" }, (e) => e.description.toLowerCase().includes("coffee")],
    ["q on the merchant, any case", { q: "café" }, (e) => e.merchant === "CAFÉ Central"],
    ["q with a category and a range", { q: "COFFEE", category: "Food", from: "2025-01-01", to: "2025-02-28" }, (e) => e.description.startsWith("Coffee") && e.category === "Food" && e.date <= "2025-02-28"],
    ["q matching nothing", { q: "no such thing" }, () => false],
  ];

  it.each(filters)("pages through 250 expenses by 7 under %s with no duplicate and no gap", async (_name, filter, predicate) => {
    const expenses = repo.expensesOf(user);
    const seen: ExpenseJson[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await expenses.list(listQuery({ ...filter, limit: "7", ...(cursor ? { cursor } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(7);
      if (page.nextCursor && !filter.q) expect(page.items).toHaveLength(7);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      expect(++pages).toBeLessThan(100);
    } while (cursor);
    const expected = all.filter(predicate);
    expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it("ends a short list without a cursor", async () => {
    const page = await repo.expensesOf(user).list(listQuery({ from: "2025-01-08", to: "2025-01-08", limit: "100" }));
    expect(page.nextCursor).toBeNull();
  });

  it("bounds a rare search per request and continues with a cursor, still without gaps", async () => {
    const bounded = localRepository({ client: repo.client, cursorSecret: "s", searchBudget: 40 }).expensesOf(user);
    const seen: ExpenseJson[] = [];
    let cursor: string | undefined;
    let requests = 0;
    do {
      const page = await bounded.list(listQuery({ q: "café", limit: "7", ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      requests++;
    } while (cursor);
    expect(requests).toBeGreaterThanOrEqual(250 / 40);
    expect(seen.map((e) => e.id)).toEqual(all.filter((e) => e.merchant === "CAFÉ Central").map((e) => e.id));
  });

  it("rejects a tampered cursor, another user's cursor and a cursor of another query with 400", async () => {
    const page = await repo.expensesOf(user).list(listQuery({ limit: "7" }));
    const cursor = page.nextCursor ?? "";
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === "A" ? "B" : "A"}${cursor.slice(6)}`;
    await expect(repo.expensesOf(user).list(listQuery({ cursor: tampered }))).rejects.toThrow(BadRequestError);
    await expect(repo.expensesOf(newUserId()).list(listQuery({ cursor }))).rejects.toThrow(BadRequestError);
    await expect(repo.expensesOf(user).list(listQuery({ cursor, category: "Food" }))).rejects.toThrow(BadRequestError);
    await expect(repo.expensesOf(user).list(listQuery({ cursor, limit: "3" }))).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it("summarises the 250 expenses from the aggregates exactly as their sum", async () => {
    expect(byCell((await yearSummary(user)).totals)).toEqual(byCell(expectedTotals(all)));
  });
});

describe("expenses repository: write rate limit", () => {
  it("refuses writes past the per-user limit with the seconds until the window ends", async () => {
    const user = newUserId();
    const now = new Date("2025-03-14T10:00:45Z");
    const rateLimiter = createRateLimiter({ client: repo.client, tableName: repo.tableName, limit: 3, windowSeconds: 60, now: () => now });
    const expenses = localRepository({ client: repo.client, rateLimiter }).expensesOf(user);
    for (let i = 0; i < 3; i++) await expenses.create(newExpenseInput());
    const refusal = await expenses.create(newExpenseInput()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect((refusal as TooManyRequestsError).retryAfterSeconds).toBe(15);
    expect(await allItems(user)).toHaveLength(3);
    await expect(repo.expensesOf(newUserId()).create(newExpenseInput())).resolves.toBeDefined();
  });
});
