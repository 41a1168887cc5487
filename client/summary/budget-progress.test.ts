import { describe, expect, it } from "vitest";
import { budgetLevel, budgetProgress } from "./budget-progress";

describe("budgetLevel", () => {
  it("warns from exactly 80% and is over only past 100%", () => {
    expect(budgetLevel(7999n, 10000n)).toBe("ok");
    expect(budgetLevel(8000n, 10000n)).toBe("warning");
    expect(budgetLevel(10000n, 10000n)).toBe("warning");
    expect(budgetLevel(10001n, 10000n)).toBe("over");
  });
});

describe("budgetProgress", () => {
  it("counts only the budget's category and currency", () => {
    const [food] = budgetProgress(
      [{ category: "Food", currency: "EUR", limit: "100.00" }],
      [
        { category: "Food", currency: "EUR", amount: "45.50" },
        { category: "food", currency: "EUR", amount: "40.00" },
        { category: "Food", currency: "USD", amount: "99.00" },
        { category: "Travel", currency: "EUR", amount: "99.00" },
      ],
    );
    expect(food).toMatchObject({ spentMinor: 8550n, limitMinor: 10000n, percent: 85.5, level: "warning" });
  });
});
