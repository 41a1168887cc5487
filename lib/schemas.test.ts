import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { expenseBody } from "./expenses/test-support";
import { toProblem } from "./http/problem";
import { ExpenseListQuerySchema, ExpensePatchSchema, NewExpenseSchema, SummaryQuerySchema } from "./schemas";

/** The problem+json errors a schema failure turns into, as the client sees them. */
function fieldErrors(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    return toProblem(error, "test").errors as { path: string; message: string }[];
  }
  throw new Error("expected a validation failure");
}
const paths = (run: () => unknown) => fieldErrors(run).map((e) => e.path);

describe("NewExpenseSchema", () => {
  it("turns the decimal amount into minor units of its currency", () => {
    expect(NewExpenseSchema.parse(expenseBody({ amount: "1.234", currency: "KWD" }))).toMatchObject({ amountMinor: 1234n, currency: "KWD" });
  });

  it("canonicalises default categories and keeps user-defined ones", () => {
    expect(NewExpenseSchema.parse(expenseBody({ category: "  travel " })).category).toBe("Travel");
    expect(NewExpenseSchema.parse(expenseBody({ category: "Dog food" })).category).toBe("Dog food");
  });

  it("defaults the description to empty and drops duplicate tags", () => {
    expect(NewExpenseSchema.parse(expenseBody({ description: undefined, tags: ["a", "b", "a"] }))).toMatchObject({ description: "", tags: ["a", "b"] });
  });

  it.each([
    [{ amount: 12.5 }, "amount"],
    [{ amount: "12.345" }, "amount"],
    [{ amount: "1.5", currency: "JPY" }, "amount"],
    [{ amount: "0" }, "amount"],
    [{ amount: "-1" }, "amount"],
    [{ amount: "1e3" }, "amount"],
    [{ amount: "NaN" }, "amount"],
    [{ amount: "10000000000.00" }, "amount"],
    [{ currency: "eur" }, "currency"],
    [{ currency: "ABC" }, "currency"],
    [{ date: "2025-02-30" }, "date"],
    [{ date: "14/03/2025" }, "date"],
    [{ category: "" }, "category"],
    [{ category: "a\nb" }, "category"],
    [{ category: "x".repeat(51) }, "category"],
    [{ description: "x".repeat(501) }, "description"],
    [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
    [{ userId: "someone-else" }, "userId"],
  ])("rejects %j naming %s", (overrides, path) => {
    expect(paths(() => NewExpenseSchema.parse(expenseBody(overrides)))).toContain(path);
  });

  it("rejects a body that is not an object", () => {
    expect(paths(() => NewExpenseSchema.parse([1, 2]))).toEqual(["(body)"]);
  });
});

describe("ExpensePatchSchema", () => {
  it("accepts a single field and null to clear merchant or tags", () => {
    expect(ExpensePatchSchema.parse({ merchant: null, tags: null })).toEqual({ merchant: null, tags: null });
  });

  it("needs at least one field", () => {
    expect(paths(() => ExpensePatchSchema.parse({}))).toEqual(["(body)"]);
  });

  it("needs the amount when the currency changes, and checks it against the new currency", () => {
    expect(paths(() => ExpensePatchSchema.parse({ currency: "JPY" }))).toEqual(["amount"]);
    expect(fieldErrors(() => ExpensePatchSchema.parse({ currency: "JPY", amount: "1.50" }))).toEqual([{ path: "amount", message: "JPY has no decimals" }]);
  });

  it("rejects fields that cannot be patched", () => {
    expect(paths(() => ExpensePatchSchema.parse({ version: 3, id: "x" }))).toEqual(expect.arrayContaining(["version", "id"]));
  });
});

describe("ExpenseListQuerySchema", () => {
  it("defaults the page size to 50", () => {
    expect(ExpenseListQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it.each([
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ limit: "1e1" }, "limit"],
    [{ limit: " 5" }, "limit"],
    [{ from: "2025-03-02", to: "2025-03-01" }, "from"],
    [{ from: "yesterday" }, "from"],
    [{ q: "" }, "q"],
    [{ categry: "Food" }, "categry"],
  ])("rejects %j naming %s", (query, path) => {
    expect(paths(() => ExpenseListQuerySchema.parse(query))).toContain(path);
  });
});

describe("SummaryQuerySchema", () => {
  it("takes an inclusive range of calendar dates, any day to any day", () => {
    expect(SummaryQuerySchema.parse({ from: "2025-01-15", to: "2025-12-03" })).toEqual({ from: "2025-01-15", to: "2025-12-03" });
    expect(SummaryQuerySchema.parse({ from: "2025-03-14", to: "2025-03-14" })).toEqual({ from: "2025-03-14", to: "2025-03-14" });
  });

  it("allows ranges touching 120 months and no more", () => {
    expect(SummaryQuerySchema.safeParse({ from: "2016-01-31", to: "2025-12-01" }).success).toBe(true);
    expect(paths(() => SummaryQuerySchema.parse({ from: "2015-12-31", to: "2025-12-01" }))).toContain("to");
  });

  it.each([
    [{ from: "2025-01", to: "2025-12-31" }, "from"],
    [{ from: "2025-01-01", to: "2025-12" }, "to"],
    [{ from: "2025-02-29", to: "2025-03-01" }, "from"],
    [{ from: "2025-06-02", to: "2025-06-01" }, "from"],
    [{ from: "2000-01-01", to: "2025-12-31" }, "to"],
    [{ to: "2025-12-31" }, "from"],
    [{ from: "2025-01-01", to: "2025-12-31", category: "Food" }, "category"],
  ])("rejects %j naming %s", (query, path) => {
    expect(paths(() => SummaryQuerySchema.parse(query))).toContain(path);
  });
});
