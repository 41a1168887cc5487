/**
 * Screenshots of the pages as a person sees them (desktop and phone), for the README and for review.
 * Run against a running app: `npx tsx scripts/screenshots.ts http://localhost:3000 [outDir]`.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, devices } from "@playwright/test";

const [baseURL = "http://localhost:3000", outDir = "test-results/screenshots"] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  // Debian's Chromium when present (as in playwright.config.ts), else Playwright's own browser.
  ...(existsSync("/usr/bin/chromium") ? { executablePath: "/usr/bin/chromium" } : {}),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const email = `screens-${Date.now()}@example.com`;
const expenses = [
  { date: "2025-03-14", amount: "1200", currency: "JPY", category: "Travel", description: "Train to Kyoto", merchant: "JR West" },
  { date: "2025-03-12", amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" },
  { date: "2025-03-11", amount: "3.250", currency: "KWD", category: "Shopping", description: "Winter coat", merchant: "" },
  { date: "2025-03-02", amount: "1249.99", currency: "USD", category: "Housing", description: "Rent", merchant: "" },
];
for (const [name, device] of [
  ["desktop", devices["Desktop Chrome"]],
  ["phone", devices["Pixel 7"]],
] as const) {
  const context = await browser.newContext({ ...device, baseURL, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
  await page.screenshot({ path: join(outDir, `login-${name}.png`) });
  await page.getByRole("button", { name: "New to Ledgerline? Create an account" }).click();
  await page.getByLabel("Email").fill(name === "desktop" ? email : `phone-${email}`);
  await page.getByLabel("Password").fill("Corr3ct-Horse!");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/tracker$/);
  await page.getByText("Signed in as").waitFor();
  await page.getByRole("heading", { name: "No expenses yet" }).waitFor();
  await page.screenshot({ path: join(outDir, `empty-${name}.png`), fullPage: true });
  const form = page.getByRole("region", { name: "Add an expense" });
  for (const expense of expenses) {
    await form.getByLabel("Date").fill(expense.date);
    await form.getByLabel("Amount").fill(expense.amount);
    await form.getByLabel("Currency").selectOption(expense.currency);
    await form.getByLabel("Category").selectOption(expense.category);
    await form.getByLabel("Description").fill(expense.description);
    await form.getByLabel("Merchant").fill(expense.merchant);
    await form.getByRole("button", { name: "Add expense" }).click();
    await page.getByRole("listitem").filter({ hasText: expense.description }).waitFor();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(outDir, `tracker-${name}.png`), fullPage: true });
  await page.getByRole("button", { name: "Edit Lunch with Sam" }).click();
  await page.getByRole("button", { name: "Save changes" }).waitFor();
  await page.screenshot({ path: join(outDir, `edit-${name}.png`), fullPage: true });
  await context.close();
}
await browser.close();
console.log(`screenshots in ${outDir}`);
