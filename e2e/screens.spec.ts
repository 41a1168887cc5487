import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { addExpense, attachReceipt, chooseReceiptFile, expenseRows, openAddForm, openAttachPanel, receiptPng, signUp } from "./actions";
import { presetDates } from "./dates";
import { expect, test } from "./fixtures";

/**
 * Screenshots of every page in light and dark for a person to look at (not compared): run with
 * SCREENSHOT_DIR=/tmp/web-shots npx playwright test e2e/screens.spec.ts. Skipped otherwise. The phone is
 * taken at 360 px, the narrowest common width, and no page may scroll sideways there.
 */
const dir = process.env.SCREENSHOT_DIR;
const { thisMonth, lastMonth } = presetDates();

test("screenshots of /tracker, /insights and /settings in light and dark", async ({ page, newUser }, testInfo) => {
  test.skip(!dir, "set SCREENSHOT_DIR to take screenshots");
  test.setTimeout(240_000);
  const out = join(dir ?? "", testInfo.project.name);
  mkdirSync(out, { recursive: true });
  await page.setViewportSize(testInfo.project.name === "desktop" ? { width: 1280, height: 800 } : { width: 360, height: 780 });
  const shot = async (name: string, fullPage = true) => {
    // From the top, or the sticky header is drawn where the page was scrolled to.
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, `${name}.png`), fullPage });
    const scrollsSideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect.soft(scrollsSideways, `${name} scrolls sideways`).toBe(false);
  };

  await signUp(page, newUser);
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => localStorage.setItem("theme", t), theme);
    await page.goto("/tracker");
    if (theme === "light") await shot("tracker-empty-light");
    if (theme === "light") {
      await addExpense(page, { date: thisMonth, amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" });
      await addExpense(page, { date: thisMonth, amount: "1200", currency: "JPY", category: "Travel", description: "Train to Kyoto" });
      await addExpense(page, { date: lastMonth, amount: "64.90", currency: "EUR", category: "Shopping", description: "Running shoes", merchant: "Sportshop" });
      await addExpense(page, { date: lastMonth, amount: "8.40", currency: "EUR", category: "Pets", description: "Dog food", merchant: "Pet shop" });
      await attachReceipt(page, "Lunch with Sam", await receiptPng());
      await chooseReceiptFile(page, await openAttachPanel(page, "Train to Kyoto"), { name: "ticket.png", mimeType: "image/png", buffer: Buffer.from("not a picture") });
      await expect(expenseRows(page).filter({ hasText: "Train to Kyoto" })).toContainText("Receipt not accepted.");
      await page.reload();
    }
    await page.getByTestId("expense-row").first().waitFor();
    await page.waitForTimeout(500);
    await shot(`tracker-${theme}`);

    // The receipt parts: a thumbnail, a refused file's line, the attach panel and the viewer.
    await openAttachPanel(page, "Running shoes");
    await page.waitForTimeout(300);
    await shot(`receipts-${theme}`);
    await page.keyboard.press("Escape");
    await expenseRows(page).filter({ hasText: "Lunch with Sam" }).getByRole("button", { name: "View receipt for Lunch with Sam" }).click();
    await page.getByRole("dialog", { name: "Receipt for Lunch with Sam" }).getByRole("img").waitFor();
    await page.waitForTimeout(500);
    await shot(`receipt-viewer-${theme}`, false);
    await page.keyboard.press("Escape");

    // The category picker, open and narrowed to a new name.
    const form = await openAddForm(page);
    const category = form.getByRole("combobox", { name: "Category", exact: true });
    await category.click();
    await page.waitForTimeout(200);
    await shot(`category-picker-${theme}`, false);
    await category.fill("Garden");
    await shot(`category-create-${theme}`, false);
    await page.keyboard.press("Escape");

    await page.goto("/tracker?period=this-month&category=Food");
    await page.getByTestId("expense-row").first().waitFor();
    await page.waitForTimeout(500);
    await shot(`tracker-filtered-${theme}`);
    await page.goto("/insights");
    await page.getByTestId("this-month-total").waitFor();
    await page.waitForTimeout(1500);
    await shot(`insights-${theme}`);
    await page.goto("/settings");
    await page.getByLabel("Default currency").waitFor();
    await page.waitForTimeout(500);
    await shot(`settings-${theme}`);
  }
});
