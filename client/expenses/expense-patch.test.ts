import { describe, expect, it } from "vitest";
import { expenseFormValues, expensePatch } from "./expense-patch";

const lunch = { date: "2025-03-10", amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" };

describe("expensePatch", () => {
  it("is empty when nothing changed, merchant or not", () => {
    expect(expensePatch(lunch, expenseFormValues(lunch))).toEqual({});
    const noMerchant = { ...lunch, merchant: undefined };
    expect(expensePatch(noMerchant, expenseFormValues(noMerchant))).toEqual({});
  });

  it("sends only the changed fields, trimmed", () => {
    expect(expensePatch(lunch, { ...expenseFormValues(lunch), amount: " 20.00 ", category: "Shopping" })).toEqual({
      amount: "20.00",
      category: "Shopping",
    });
    expect(expensePatch(lunch, { ...expenseFormValues(lunch), description: "Lunch with Sam " })).toEqual({});
  });

  it("sends the amount with a changed currency even when the amount is the same", () => {
    expect(expensePatch(lunch, { ...expenseFormValues(lunch), currency: "USD" })).toEqual({ currency: "USD", amount: "12.50" });
  });

  it("clears a removed merchant with null and sets a new one", () => {
    expect(expensePatch(lunch, { ...expenseFormValues(lunch), merchant: "  " })).toEqual({ merchant: null });
    expect(expensePatch({ ...lunch, merchant: undefined }, { ...expenseFormValues(lunch), merchant: "Blum" })).toEqual({ merchant: "Blum" });
  });
});
