import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { formatAmount } from "../money";
import type { ExpenseJson, Summary } from "../schemas";
import { readSummary } from "./read-summary";
import { addMonths, daysInMonth } from "./summary-months";
import { newExpenseInput, newUserId } from "./test-support";
import { localRepository } from "@/local/test-stack";

/** What one expense is for the oracle: its own date, cell and exact minor units, known before it is stored. */
type Known = { id: string; date: string; currency: string; category: string; minor: bigint };

const CURRENCIES = [
  { code: "EUR", exponent: 2 },
  { code: "JPY", exponent: 0 },
  { code: "KWD", exponent: 3 },
] as const;
const CATEGORIES = ["Food", "Travel", "Dog food"] as const;

/** Every day of the months from..to (inclusive YYYY-MM). */
function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    for (let day = 1; day <= daysInMonth(month); day++) days.push(`${month}-${String(day).padStart(2, "0")}`);
  }
  return days;
}

/** The expenses' dates: 2023-11..2024-04 (a year boundary, 2024-02-29), heavy on first and last days. */
const DAYS = daysOf("2023-11", "2024-04");
const EDGE_DAYS = DAYS.filter((day, i) => day.endsWith("-01") || DAYS[i + 1]?.endsWith("-01") || i === DAYS.length - 1);

const expenseArb = fc.record({
  date: fc.oneof(fc.constantFrom(...DAYS), fc.constantFrom(...EDGE_DAYS)),
  currency: fc.constantFrom(...CURRENCIES),
  category: fc.constantFrom(...CATEGORIES),
  minor: fc.bigInt({ min: 1n, max: 999_999_999_999n }),
});

/** The oracle: totals of the known expenses dated from..to, summed here, independently of the table. */
function oracle(known: Known[], from: string, to: string): Summary["totals"] {
  const cells = new Map<string, { month: string; currency: string; category: string; minor: bigint; count: number }>();
  for (const e of known) {
    if (e.date < from || e.date > to) continue;
    const key = `${e.date.slice(0, 7)}|${e.currency}|${e.category}`;
    const cell = cells.get(key) ?? { month: e.date.slice(0, 7), currency: e.currency, category: e.category, minor: 0n, count: 0 };
    cell.minor += e.minor;
    cell.count += 1;
    cells.set(key, cell);
  }
  return [...cells.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { month, currency, category, minor, count }]) => ({ month, currency, category, amount: formatAmount(minor, currency), count }));
}

const amountText = (minor: bigint, exponent: number) => formatAmount(minor, exponent === 0 ? "JPY" : exponent === 2 ? "EUR" : "KWD");

let repo: ReturnType<typeof localRepository>;
const userId = newUserId();
let known: Known[] = [];

beforeAll(async () => {
  repo = localRepository();
  const expenses = repo.expensesOf(userId);
  const drafts = fc.sample(expenseArb, { numRuns: 90, seed: 20240229 });
  const created: ExpenseJson[] = [];
  for (let i = 0; i < drafts.length; i += 10) {
    const batch = drafts.slice(i, i + 10);
    created.push(
      ...(await Promise.all(
        batch.map(async (d) =>
          (await expenses.create(newExpenseInput({ date: d.date, amount: amountText(d.minor, d.currency.exponent), currency: d.currency.code, category: d.category }))).expense,
        ),
      )),
    );
  }
  known = created.map((e, i) => {
    const d = drafts[i];
    if (!d) throw new Error("draft missing");
    return { id: e.id, date: d.date, currency: d.currency.code, category: d.category, minor: d.minor };
  });
  // Changes after creation move amounts between cells and months: the oracle follows the final state.
  for (const [i, e] of known.slice(0, 6).entries()) {
    const date = i % 2 === 0 ? "2024-02-29" : "2023-12-31";
    await expenses.update(e.id, { date, amount: "7", currency: "JPY" }, 1);
    known[i] = { ...e, date, currency: "JPY", minor: 7n };
  }
  for (const e of known.slice(6, 10)) await expenses.remove(e.id);
  known = known.filter((e) => !known.slice(6, 10).includes(e));
});

describe("summary of any date range", () => {
  it("equals the sum of the expenses dated in it, for random ranges (cut months, whole months, one day)", async () => {
    const dayAround = fc.constantFrom(...daysOf("2023-10", "2024-05"));
    await fc.assert(
      fc.asyncProperty(fc.tuple(dayAround, dayAround), async ([a, b]) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const summary = await repo.expensesOf(userId).summary({ from, to });
        expect(summary).toEqual({ from, to, totals: oracle(known, from, to) });
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it.each([
    ["2023-11-01", "2024-04-30"],
    ["2024-02-29", "2024-02-29"],
    ["2024-02-01", "2024-02-28"],
    ["2023-12-31", "2024-01-01"],
    ["2023-11-15", "2024-04-10"],
  ])("is exact for %s..%s", async (from, to) => {
    expect((await repo.expensesOf(userId).summary({ from, to })).totals).toEqual(oracle(known, from, to));
  });

  it("gives the same answer when every Query comes back in pages of 2 items", async () => {
    const ctx = { client: repo.client, tableName: repo.tableName, userId };
    for (const [from, to] of [["2023-11-15", "2024-04-10"], ["2024-02-03", "2024-02-27"]] as const) {
      expect(await readSummary(ctx, { from, to }, { pageLimit: 2 })).toEqual({ from, to, totals: oracle(known, from, to) });
    }
  });

  it("reads expense items of the two cut months only, and the months between from their aggregates", async () => {
    const reads: { index?: string; low: unknown; high: unknown; count: number }[] = [];
    const counting = {
      send: async (command: QueryCommand) => {
        const output = await repo.client.send(command);
        const values = command.input.ExpressionAttributeValues ?? {};
        reads.push({ index: command.input.IndexName, low: values[":low"], high: values[":high"], count: output.Count ?? 0 });
        return output;
      },
    } as unknown as DynamoDBDocumentClient;
    const [from, to] = ["2023-11-15", "2024-04-10"];
    await readSummary({ client: counting, tableName: repo.tableName, userId }, { from, to });
    const itemReads = reads.filter((read) => read.index === "byDate");
    expect(itemReads.map(({ low, high }) => [low, high]).sort()).toEqual([
      ["2023-11-15", "2023-11-30#~"],
      ["2024-04-01", "2024-04-10#~"],
    ]);
    const inEdges = known.filter((e) => (e.date >= "2023-11-15" && e.date <= "2023-11-30") || (e.date >= "2024-04-01" && e.date <= "2024-04-10"));
    expect(itemReads.reduce((sum, read) => sum + read.count, 0)).toBe(inEdges.length);
    const aggregateReads = reads.filter((read) => read.index === undefined);
    expect(aggregateReads.map(({ low, high }) => [low, high])).toEqual([["AGG#2023-12", "AGG#2024-03$"]]);
    // One item per month x category, whatever the number of expenses in those months.
    expect(aggregateReads[0]?.count).toBeLessThanOrEqual(4 * CATEGORIES.length);
  });

  it("never sees another user's expenses", async () => {
    const other = repo.expensesOf(newUserId());
    expect(await other.summary({ from: "2023-11-15", to: "2024-04-10" })).toEqual({ from: "2023-11-15", to: "2024-04-10", totals: [] });
  });
});
