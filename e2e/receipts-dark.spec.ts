import AxeBuilder from "@axe-core/playwright";
import { addExpense, attachReceipt, chooseReceiptFile, expenseRows, openAttachPanel, receiptPng, signUp } from "./actions";
import { expect, test } from "./fixtures";

const expense = (description: string, amount: string) => ({ date: "2025-03-14", amount, currency: "EUR", category: "Food", description });

test("in the dark theme the receipt tile, status line, attach panel and viewer pass axe, contrast included", async ({ page, newUser }) => {
  const withReceipt = "Dark receipt: ready";
  const refused = "Dark receipt: refused";
  const without = "Dark receipt: none";
  await signUp(page, newUser);
  await page.evaluate(() => localStorage.setItem("theme", "dark"));
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await addExpense(page, expense(withReceipt, "7.30"));
  await addExpense(page, expense(refused, "8.40"));
  await addExpense(page, expense(without, "9.50"));
  const view = await attachReceipt(page, withReceipt, await receiptPng());
  await expect(view.locator("img")).toBeVisible();
  await chooseReceiptFile(page, await openAttachPanel(page, refused), { name: "receipt.png", mimeType: "image/png", buffer: Buffer.from("hello") });
  await expect(expenseRows(page).filter({ hasText: refused })).toContainText("Receipt not accepted.");

  const serious = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  };
  expect(await serious()).toEqual([]);
  await openAttachPanel(page, without);
  expect(await serious()).toEqual([]);
  await page.keyboard.press("Escape");

  await view.click();
  const dialog = page.getByRole("dialog", { name: `Receipt for ${withReceipt}` });
  await expect(dialog.getByRole("img")).toBeVisible();
  expect(await serious()).toEqual([]);
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog.getByRole("group", { name: "Remove this receipt?" })).toBeVisible();
  expect(await serious()).toEqual([]);
});
