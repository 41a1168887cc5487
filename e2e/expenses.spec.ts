import AxeBuilder from "@axe-core/playwright";
import { addExpense, chooseCategory, expenseRows, openAddForm, openEditForm, patchExpenseViaApi, signUp, submitExpense } from "./actions";
import { expect, test } from "./fixtures";

const train = { date: "2025-03-14", amount: "1200", currency: "JPY", category: "Travel", description: "Train to Kyoto" };
const lunch = { date: "2025-03-10", amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" };

test("expenses are listed newest date first with amounts in their currency", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await expect(page.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
  // The older one is added last: the order must come from the dates, not from the order of entry.
  await addExpense(page, train);
  await addExpense(page, lunch);

  const rows = expenseRows(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Train to Kyoto");
  await expect(rows.nth(0)).toContainText("14 Mar 2025");
  await expect(rows.nth(0)).toContainText("Travel");
  await expect(rows.nth(0)).toContainText("JP¥1,200");
  await expect(rows.nth(1)).toContainText("Lunch with Sam");
  await expect(rows.nth(1)).toContainText("Café Blum");
  await expect(rows.nth(1)).toContainText("10 Mar 2025");
  await expect(rows.nth(1)).toContainText("€12.50");

  // The form keeps date, currency and category for the next entry and clears the rest.
  const form = page.getByRole("region", { name: "Add an expense" });
  await expect(form.getByLabel("Amount")).toHaveValue("");
  await expect(form.getByLabel("Description")).toHaveValue("");
  await expect(form.getByLabel("Merchant")).toHaveValue("");

  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Train to Kyoto");
  await expect(rows.nth(1)).toContainText("Lunch with Sam");
});

test("an amount with too many decimals shows the field's message and creates nothing", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await submitExpense(page, { ...lunch, amount: "12.345" });
  const amount = page.getByRole("region", { name: "Add an expense" }).getByLabel("Amount");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription("EUR allows at most 2 decimals");
  await expect(page.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
});

test("a deleted expense can be undone, and once its toast is gone it stays gone after a reload", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await addExpense(page, train);
  await addExpense(page, lunch);

  const row = expenseRows(page).filter({ hasText: "Lunch with Sam" });
  await row.getByRole("button", { name: "Delete Lunch with Sam" }).click();
  await expect(row).toHaveCount(0);
  // Undo brings it back (it was never deleted on the server: the delete waits for the toast).
  await page.getByRole("button", { name: /^Undo/ }).click();
  await expect(row).toHaveCount(1);
  await page.reload();
  await expect(expenseRows(page)).toHaveCount(2);

  await expenseRows(page).filter({ hasText: "Lunch with Sam" }).getByRole("button", { name: "Delete Lunch with Sam" }).click();
  await expect(page.getByText("Deleted Lunch with Sam.")).toBeVisible();
  await expect(page.getByText("Deleted Lunch with Sam.")).toBeHidden();
  await expect(expenseRows(page)).toHaveCount(1);

  await page.reload();
  await expect(expenseRows(page)).toHaveCount(1);
  await expect(expenseRows(page).first()).toContainText("Train to Kyoto");
});

test("another user does not see someone else's expenses", async ({ page, newUser, browser }) => {
  await signUp(page, newUser);
  await addExpense(page, { ...lunch, description: "Private dinner" });

  const other = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: "en-GB", timezoneId: "Europe/Berlin" });
  try {
    const otherPage = await other.newPage();
    await signUp(otherPage, { ...newUser, email: `other-${newUser.email}` });
    await expect(otherPage.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
    await expect(otherPage.getByText("Private dinner")).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("an expense can be added with the keyboard alone", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await (await openAddForm(page)).getByLabel("Amount").focus();
  await page.keyboard.type("3.20");
  await page.keyboard.press("Tab"); // Currency (EUR)
  await page.keyboard.press("Tab"); // Category (Food)
  await page.keyboard.press("Tab"); // Description
  await page.keyboard.type("Coffee");
  await page.keyboard.press("Enter");
  await expect(expenseRows(page).filter({ hasText: "Coffee" })).toContainText("€3.20");
});

test("the tracker has no serious accessibility violations", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await addExpense(page, lunch);
  await expenseRows(page).first().getByRole("button", { name: "Delete Lunch with Sam" }).click();
  await expect(page.getByRole("button", { name: /^Undo/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("an edited expense shows its new values in date order and keeps them after a reload", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await addExpense(page, train);
  await addExpense(page, lunch);

  const form = await openEditForm(page, "Lunch with Sam");
  await expect(form.getByLabel("Amount")).toHaveValue("12.50");
  await expect(form.getByLabel("Merchant")).toHaveValue("Café Blum");
  // Escape cancels and gives focus back to the Edit button.
  await form.getByLabel("Amount").fill("99.99");
  await page.keyboard.press("Escape");
  await expect(form).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit Lunch with Sam" })).toBeFocused();
  await expect(expenseRows(page).nth(1)).toContainText("€12.50");

  const again = await openEditForm(page, "Lunch with Sam");
  await expect(again.getByLabel("Amount")).toHaveValue("12.50");
  await again.getByLabel("Date").fill("2025-03-20");
  await again.getByLabel("Amount").fill("20.40");
  await chooseCategory(again, "Shopping");
  await again.getByRole("button", { name: "Save changes" }).click();
  await expect(again).toHaveCount(0);

  const rows = expenseRows(page);
  await expect(rows.nth(0)).toContainText("Lunch with Sam");
  await expect(rows.nth(0)).toContainText("€20.40");
  await expect(rows.nth(0)).toContainText("Shopping");
  await expect(rows.nth(0)).toContainText("20 Mar 2025");
  await expect(rows.nth(0)).toContainText("Café Blum");
  await expect(rows.nth(1)).toContainText("Train to Kyoto");

  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Lunch with Sam");
  await expect(rows.nth(0)).toContainText("€20.40");
  await expect(rows.nth(0)).toContainText("Shopping");
});

test("an invalid edit shows the field's message and changes nothing", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await addExpense(page, lunch);
  const form = await openEditForm(page, "Lunch with Sam");
  await form.getByLabel("Amount").fill("12.345");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Amount")).toHaveAccessibleDescription("EUR allows at most 2 decimals");
  await page.reload();
  await expect(expenseRows(page).first()).toContainText("€12.50");
});

test("an edit of an expense changed elsewhere is refused and Reload shows the latest version", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await addExpense(page, lunch);

  const form = await openEditForm(page, "Lunch with Sam");
  await patchExpenseViaApi(page, "Lunch with Sam", { amount: "15.00", category: "Entertainment" });
  await form.getByLabel("Amount").fill("20.00");
  await form.getByRole("button", { name: "Save changes" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("This expense was changed elsewhere. Reload to see the latest version.");

  await alert.getByRole("button", { name: "Reload" }).click();
  const row = expenseRows(page).filter({ hasText: "Lunch with Sam" });
  await expect(row).toContainText("€15.00");
  await expect(row).toContainText("Entertainment");
  await expect(page.getByRole("form", { name: "Edit Lunch with Sam" })).toHaveCount(0);
});

test("the next expense can be typed while the list refreshes after a save, even with the same amount", async ({ page, newUser }) => {
  await signUp(page, newUser);
  // The lists' refetch after each save answers slowly; the save itself does not.
  await page.route("**/api/expenses?*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue().catch(() => undefined);
  });
  const coffee = { date: "2025-03-14", amount: "3.40", currency: "EUR", category: "Food", description: "Coffee one" };
  await addExpense(page, coffee);
  await addExpense(page, { ...coffee, description: "Coffee two" });
  await expect(expenseRows(page).filter({ hasText: "3.40" })).toHaveCount(2);
  await expect(page.getByText(/Must be/)).toHaveCount(0);
});
