import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { addExpense, signUp } from "./actions";
import { presetDates } from "./dates";
import { test } from "./fixtures";

/**
 * Screenshots of every page in light and dark for a person to look at (not compared): run with
 * SCREENSHOT_DIR=/tmp/web-shots npx playwright test e2e/screens.spec.ts. Skipped otherwise.
 */
const dir = process.env.SCREENSHOT_DIR;
const { thisMonth, lastMonth } = presetDates();

test("screenshots of /tracker, /insights and /settings in light and dark", async ({ page, newUser }, testInfo) => {
  test.skip(!dir, "set SCREENSHOT_DIR to take screenshots");
  test.setTimeout(180_000);
  const out = join(dir ?? "", testInfo.project.name);
  mkdirSync(out, { recursive: true });
  if (testInfo.project.name === "desktop") await page.setViewportSize({ width: 1280, height: 800 });
  const shot = (name: string) => page.screenshot({ path: join(out, `${name}.png`), fullPage: true });

  await signUp(page, newUser);
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => localStorage.setItem("theme", t), theme);
    await page.goto("/tracker");
    if (theme === "light") await shot("tracker-empty-light");
    if (theme === "light") {
      await addExpense(page, { date: thisMonth, amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" });
      await addExpense(page, { date: thisMonth, amount: "1200", currency: "JPY", category: "Travel", description: "Train to Kyoto" });
      await addExpense(page, { date: lastMonth, amount: "64.90", currency: "EUR", category: "Shopping", description: "Running shoes", merchant: "Sportshop" });
      await addExpense(page, { date: lastMonth, amount: "8.40", currency: "EUR", category: "Transport", description: "Bus pass top-up" });
      await page.reload();
    }
    await page.getByTestId("expense-row").first().waitFor();
    await page.waitForTimeout(500);
    await shot(`tracker-${theme}`);
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
