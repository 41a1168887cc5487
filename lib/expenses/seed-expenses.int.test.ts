import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { formatAmount } from "../money";
import { ExpenseListQuerySchema, type ExpenseJson } from "../schemas";
import { totalsOf } from "./aggregate";
import { seedExpenses } from "./seed-expenses";
import { newExpenseInput, newUserId } from "./test-support";
import { localRepository } from "@/local/test-stack";

describe("seedExpenses", () => {
  it("bulk-loads expenses that list, read and summarise like created ones", async () => {
    const repo = localRepository();
    const user = newUserId();
    const inputs = Array.from({ length: 130 }, (_, i) => {
      const date = `2025-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, "0")}`;
      const now = new Date(`${date}T08:00:00Z`);
      return { input: newExpenseInput({ date, amount: `${i + 1}.05`, category: i % 2 ? "Food" : "Travel" }), id: ulid(now.getTime()), now };
    });
    await seedExpenses(repo.deps, user, inputs);
    const expenses = repo.expensesOf(user);
    const items: ExpenseJson[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await expenses.list(ExpenseListQuerySchema.parse({ limit: "100", ...(cursor ? { cursor } : {}) }));
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(items).toHaveLength(130);
    const expected = totalsOf(inputs.map(({ input }) => input)).map(({ totalMinor, ...cell }) => ({ ...cell, amount: formatAmount(totalMinor, cell.currency) }));
    expect((await expenses.summary({ from: "2025-01-01", to: "2025-12-31" })).totals).toEqual(expected);
    await expect(expenses.update(inputs[0]?.id ?? "", { amount: "1.00" }, 1)).resolves.toMatchObject({ amount: "1.00", version: 2 });
  });
});
