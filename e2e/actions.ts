import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";
import type { NewUser } from "./fixtures";
import { ExpenseListSchema } from "../lib/schemas";

export async function signUp(page: Page, user: NewUser): Promise<void> {
  await page.goto("/login");
  await page.getByRole("button", { name: "New to Ledgerline? Create an account" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/tracker$/);
  await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
}

export async function signIn(page: Page, user: NewUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/tracker$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The access token Amplify keeps in localStorage for the signed-in user. */
export async function storedAccessToken(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith("CognitoIdentityServiceProvider.") && key.endsWith(".accessToken")) {
        return localStorage.getItem(key);
      }
    }
    return null;
  });
}

export type ExpenseInput = {
  date: string;
  amount: string;
  currency: string;
  category: string;
  description: string;
  merchant?: string;
};

/** Fills the tracker's add form and submits it; does not wait for the outcome (success or field errors). */
export async function submitExpense(page: Page, expense: ExpenseInput): Promise<void> {
  const form = page.getByRole("region", { name: "Add an expense" });
  await form.getByLabel("Date").fill(expense.date);
  await form.getByLabel("Amount").fill(expense.amount);
  await form.getByLabel("Currency").selectOption(expense.currency);
  await form.getByLabel("Category").selectOption(expense.category);
  await form.getByLabel("Description").fill(expense.description);
  await form.getByLabel("Merchant").fill(expense.merchant ?? "");
  await form.getByRole("button", { name: "Add expense" }).click();
}

/** Adds an expense through the form and waits until its row is listed. */
export async function addExpense(page: Page, expense: ExpenseInput): Promise<void> {
  await submitExpense(page, expense);
  await expect(expenseRows(page).filter({ hasText: expense.description })).toHaveCount(1);
}

/** The rows of the expense list, in display order. */
export function expenseRows(page: Page) {
  return page.getByRole("list", { name: "Expenses, newest first" }).getByRole("listitem");
}

/** Opens a row's edit form (named "Edit <title>", like the row's Edit button) and returns it. */
export async function openEditForm(page: Page, title: string) {
  await expenseRows(page).filter({ hasText: title }).getByRole("button", { name: `Edit ${title}` }).click();
  const form = page.getByRole("form", { name: `Edit ${title}` });
  await expect(form).toBeVisible();
  return form;
}

/** Changes an expense through the API as the signed-in user, as another tab or device would. */
export async function patchExpenseViaApi(page: Page, description: string, patch: Record<string, unknown>): Promise<void> {
  const token = await storedAccessToken(page);
  expect(token).not.toBeNull();
  const headers = { authorization: `Bearer ${token ?? ""}` };
  const list = await page.request.get("/api/expenses?limit=100", { headers });
  expect(list.status()).toBe(200);
  const body = ExpenseListSchema.parse(await list.json());
  const expense = body.items.find((item) => item.description === description);
  expect(expense).toBeDefined();
  const res = await page.request.patch(`/api/expenses/${expense?.id ?? ""}`, {
    headers: { ...headers, "if-match": `"${expense?.version ?? 0}"` },
    data: patch,
  });
  expect(res.status()).toBe(200);
}
