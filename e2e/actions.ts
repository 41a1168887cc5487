import type { Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import sharp from "sharp";
import { z } from "zod";
import { e2eStackFile, type E2eStackInfo } from "../local/e2e-stack-file";
import type { NewUser } from "./fixtures";
import { ExpenseListSchema, type ExpenseJson } from "../lib/schemas";

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

/** Opens the phone's account menu when there is one (on a desktop "Sign out" is in the header). */
export async function openAccountMenu(page: Page): Promise<void> {
  const account = page.getByRole("button", { name: "Account" });
  if (await account.isVisible()) await account.click();
}

export async function signOut(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** One of the tokens Amplify keeps in localStorage for the signed-in user. */
async function storedToken(page: Page, kind: "accessToken" | "refreshToken"): Promise<string | null> {
  return page.evaluate((suffix) => {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith("CognitoIdentityServiceProvider.") && key.endsWith(suffix)) return localStorage.getItem(key);
    }
    return null;
  }, `.${kind}`);
}

/** The access token Amplify keeps in localStorage for the signed-in user. */
export function storedAccessToken(page: Page): Promise<string | null> {
  return storedToken(page, "accessToken");
}

export type ExpenseInput = {
  date: string;
  amount: string;
  currency: string;
  category: string;
  description: string;
  merchant?: string;
};

/** On a phone the add form starts collapsed to an "Add expense" button: opens it (a no-op on a desktop). */
export async function openAddForm(page: Page): Promise<Locator> {
  const form = page.getByRole("region", { name: "Add an expense" });
  if (await form.getByLabel("Amount").isHidden()) await form.getByRole("button", { name: "Add expense" }).click();
  await expect(form.getByLabel("Amount")).toBeVisible();
  return form;
}

/**
 * Types a category into a form's Category box (an existing one or a new name) and leaves it with Tab, which
 * closes its list, so nothing covers the fields below.
 */
export async function chooseCategory(form: Locator, category: string): Promise<void> {
  const field = form.getByRole("combobox", { name: "Category", exact: true });
  await field.fill(category);
  await field.press("Tab");
  await expect(field).toHaveValue(category);
}

/** Fills the tracker's add form and submits it; does not wait for the outcome (success or field errors). */
export async function submitExpense(page: Page, expense: ExpenseInput): Promise<void> {
  const form = await openAddForm(page);
  await form.getByLabel("Date").fill(expense.date);
  await form.getByLabel("Amount").fill(expense.amount);
  await form.getByLabel("Currency").selectOption(expense.currency);
  await chooseCategory(form, expense.category);
  await form.getByLabel("Description").fill(expense.description);
  await form.getByLabel("Merchant").fill(expense.merchant ?? "");
  await form.getByRole("button", { name: "Add expense" }).click();
}

/** Adds an expense through the form and waits until the server has it (its row is no longer shown as saving). */
export async function addExpense(page: Page, expense: ExpenseInput): Promise<void> {
  await submitExpense(page, expense);
  await expect(expenseRows(page).filter({ hasText: expense.description })).toHaveCount(1);
  await expect(expenseRows(page).filter({ hasText: expense.description }).and(page.locator("[aria-busy]"))).toHaveCount(0);
}

/** The rows of the expense list (grouped by day), in display order. */
export function expenseRows(page: Page) {
  return page.getByRole("region", { name: "Your expenses" }).getByTestId("expense-row");
}

/** Opens a row's edit form (named "Edit <title>", like the row's Edit button) and returns it. */
export async function openEditForm(page: Page, title: string) {
  await expenseRows(page).filter({ hasText: title }).getByRole("button", { name: `Edit ${title}` }).click();
  const form = page.getByRole("form", { name: `Edit ${title}` });
  await expect(form).toBeVisible();
  return form;
}

const TokenClaimsSchema = z.object({ exp: z.number() });

function secondsLeft(token: string): number {
  const claims = TokenClaimsSchema.parse(JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")));
  return claims.exp - Date.now() / 1000;
}

/**
 * The signed-in user's bearer header. The e2e stack's tokens live 8 s and the app refreshes its own only when it
 * calls the API, so a stored token about to expire is swapped for a fresh one from its refresh token.
 */
async function authHeaders(page: Page): Promise<{ authorization: string }> {
  const token = await storedAccessToken(page);
  expect(token).not.toBeNull();
  if (token && secondsLeft(token) > 3) return { authorization: `Bearer ${token}` };
  const refreshToken = await storedToken(page, "refreshToken");
  expect(refreshToken).not.toBeNull();
  const stack = JSON.parse(readFileSync(e2eStackFile(Number(process.env.E2E_PORT)), "utf8")) as E2eStackInfo;
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognitoEndpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: stack.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken ?? "" } }),
  );
  cognito.destroy();
  return { authorization: `Bearer ${AuthenticationResult?.AccessToken ?? ""}` };
}

/** The signed-in user's expense with this description, as the API has it now. */
export async function expenseViaApi(page: Page, description: string): Promise<ExpenseJson> {
  const list = await page.request.get("/api/expenses?limit=100", { headers: await authHeaders(page) });
  expect(list.status()).toBe(200);
  const expense = ExpenseListSchema.parse(await list.json()).items.find((item) => item.description === description);
  if (!expense) throw new Error(`no expense "${description}"`);
  return expense;
}

/** Changes an expense through the API as the signed-in user, as another tab or device would. */
export async function patchExpenseViaApi(page: Page, description: string, patch: Record<string, unknown>): Promise<void> {
  const expense = await expenseViaApi(page, description);
  const res = await page.request.patch(`/api/expenses/${expense.id}`, {
    headers: { ...(await authHeaders(page)), "if-match": `"${expense.version}"` },
    data: patch,
  });
  expect(res.status()).toBe(200);
}

/** A file as a person picks it; `mimeType` is what the browser reports (Chrome reports "" for HEIC). */
export type PickedFile = { name: string; mimeType: string; buffer: Buffer };

/** A small portrait receipt photo as a PNG. */
export async function receiptPng(): Promise<PickedFile> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="100%" height="100%" fill="#f8f5ee"/>` +
      `<text x="60" y="160" font-size="64" font-family="sans-serif">CAFE BLUM</text>` +
      `<text x="60" y="400" font-size="48" font-family="monospace">TOTAL 12.50</text></svg>`,
  );
  return { name: "blum.png", mimeType: "image/png", buffer: await sharp(svg).png().toBuffer() };
}

/** Opens a row's attach panel with its paperclip button and returns the panel. */
export async function openAttachPanel(page: Page, title: string): Promise<Locator> {
  await expenseRows(page).filter({ hasText: title }).getByRole("button", { name: `Attach receipt to ${title}` }).click();
  const panel = page.getByRole("group", { name: `Attach a receipt to ${title}` });
  await expect(panel).toBeVisible();
  return panel;
}

/** Picks a file with the panel's "Choose file" button, through the browser's file chooser. */
export async function chooseReceiptFile(page: Page, panel: Locator, file: PickedFile): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await panel.getByRole("button", { name: "Choose file" }).click();
  await (await chooser).setFiles(file);
}

/** Attaches a file to an expense and waits until its thumbnail (or page icon) button is shown. */
export async function attachReceipt(page: Page, title: string, file: PickedFile): Promise<Locator> {
  await chooseReceiptFile(page, await openAttachPanel(page, title), file);
  const view = expenseRows(page).filter({ hasText: title }).getByRole("button", { name: `View receipt for ${title}` });
  await expect(view).toBeVisible();
  return view;
}

/** Opens a row's receipt in the viewer, asks to replace it and picks the new file; does not wait for the outcome. */
export async function replaceReceipt(page: Page, title: string, file: PickedFile): Promise<void> {
  await expenseRows(page).filter({ hasText: title }).getByRole("button", { name: `View receipt for ${title}` }).click();
  const dialog = page.getByRole("dialog", { name: `Receipt for ${title}` });
  await dialog.getByRole("button", { name: "Replace" }).click();
  await expect(dialog).toBeHidden();
  await chooseReceiptFile(page, page.getByRole("group", { name: `Attach a receipt to ${title}` }), file);
}

/**
 * Slows this page's uploads to `bytesPerSecond` with Chrome's network emulation (downloads untouched), so an
 * upload lasts long enough to watch its progress. Returns a function that lifts the limit.
 */
export async function throttleUploads(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const emulate = (uploadThroughput: number) =>
    cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput });
  await emulate(bytesPerSecond);
  return async () => {
    await emulate(-1);
    await cdp.detach();
  };
}
