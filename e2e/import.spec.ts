import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page, TestInfo } from "@playwright/test";
import { expenseRows, signUp, type PickedFile } from "./actions";
import { expect, test } from "./fixtures";

/**
 * A US bank's export: every date reads as day/month and as month/day, so detection guesses (day first, as
 * the en-GB browser has no locale setting) and the user corrects it. Line 5's amount cannot be read.
 */
const usBank: PickedFile = {
  name: "checking-2025.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(
    [
      "Date,Description,Amount",
      "03/04/2025,Import spec coffee,-3.50",
      "05/06/2025,Import spec bus ticket,-2.80",
      "11/12/2025,Import spec books,-19.99",
      "04/07/2025,Import spec broken row,abc",
      "06/08/2025,Import spec lunch,-8.40",
      "09/10/2025,Import spec cinema,-12.00",
      "",
    ].join("\r\n"),
  ),
};

const fixture = (name: string): PickedFile => ({
  name,
  // Chrome reports no type for some .csv files: the page declares text/csv itself.
  mimeType: "",
  buffer: readFileSync(new URL(`../lib/csv/import/__fixtures__/${name}`, import.meta.url)),
});

/** Screenshots for review, only when asked for (IMPORT_SHOTS_DIR=/tmp/import-shots). */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.IMPORT_SHOTS_DIR;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-${name}-full.png`, fullPage: true });
  // The full page draws sticky bars where the first screen ends; the viewport shows them as a person sees them.
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-${name}.png` });
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** The page never scrolls sideways (the preview table scrolls inside its own box). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function chooseImportFile(page: Page, file: PickedFile): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Choose file" }).click();
  await (await chooser).setFiles(file);
}

function previewRows(page: Page): Locator {
  return page.getByTestId("import-preview-row");
}

function previewRow(page: Page, line: number): Locator {
  return previewRows(page).filter({ has: page.getByRole("cell", { name: String(line), exact: true }) });
}

test("a bank file is previewed, its date format corrected, imported with a report, listed on Expenses and undone", async ({ page, newUser }, testInfo) => {
  await signUp(page, newUser);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import expenses" })).toBeVisible();
  await expect(page.getByText("No imports yet.")).toBeVisible();

  await chooseImportFile(page, usBank);
  await expect(page.getByRole("heading", { name: "Check how checking-2025.csv is read" })).toBeVisible();
  // The guess is said out loud, and the line numbers are the file's (the header is line 1).
  await expect(page.getByText("We guessed the dates are day/month (DD/MM/YYYY); change it if wrong.")).toBeVisible();
  await expect(page.getByLabel("Date format")).toHaveValue("DD/MM/YYYY");
  await expect(previewRows(page)).toHaveCount(6);
  await expect(previewRow(page, 2)).toContainText("3 Apr 2025");
  await expect(previewRow(page, 2)).toContainText("Import spec coffee");
  await expect(previewRow(page, 5)).toContainText("Can’t be read");

  await page.getByLabel("Date format").selectOption("MM/DD/YYYY");
  await expect(previewRow(page, 2)).toContainText("4 Mar 2025");
  await expect(previewRow(page, 4)).toContainText("12 Nov 2025");
  await expect(page.getByText("Updating the preview…")).toBeHidden();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousViolations(page);
  await page.getByRole("heading", { name: "Preview", exact: true }).scrollIntoViewIfNeeded();
  await shoot(page, testInfo, "preview");

  await page.getByRole("button", { name: "Import 6 rows" }).click();
  await expect(page.getByRole("heading", { name: "Imported checking-2025.csv" })).toBeVisible();
  await expect(page.getByTestId("import-count-accepted")).toContainText("5");
  await expect(page.getByTestId("import-count-rejected")).toContainText("1");
  const rejected = page.getByRole("region", { name: /Could not be read/ });
  await expect(rejected.getByTestId("import-line-rejected")).toHaveCount(1);
  await expect(rejected.getByTestId("import-line-rejected")).toContainText("Line 5");
  await expectNoHorizontalScroll(page);
  await expectNoSeriousViolations(page);
  await shoot(page, testInfo, "report");

  await page.getByRole("link", { name: "See your expenses" }).click();
  await expect(page).toHaveURL(/\/tracker$/);
  await expect(expenseRows(page).filter({ hasText: "Import spec coffee" })).toHaveCount(1);
  await expect(expenseRows(page).filter({ hasText: "Import spec books" })).toHaveCount(1);
  await expect(expenseRows(page).filter({ hasText: "Import spec" })).toHaveCount(5);

  await page.goto("/import");
  const recent = page.getByTestId("recent-import").filter({ hasText: "checking-2025.csv" });
  await expect(recent).toContainText("Imported · 5 added");
  await recent.getByRole("button", { name: "Undo this import: checking-2025.csv" }).click();
  await expect(recent.getByText("Remove the 5 expenses this import added")).toBeVisible();
  await expect(recent.getByRole("button", { name: "Yes, undo the import" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(recent).toContainText("Undone", { timeout: 30_000 });

  await page.goto("/tracker");
  await expect(page.getByRole("region", { name: "Your expenses" })).toBeVisible();
  await expect(expenseRows(page).filter({ hasText: "Import spec" })).toHaveCount(0);
});

test("a German bank file in Latin-1 reads its umlauts correctly in the preview", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await page.goto("/import");
  await chooseImportFile(page, fixture("german-bank-latin1.csv"));
  await expect(page.getByRole("heading", { name: "Check how german-bank-latin1.csv is read" })).toBeVisible();
  await expect(previewRow(page, 6)).toContainText("Bäckerei Schäfer");
  await expect(previewRow(page, 6)).toContainText("€4.80");
  await expect(page.getByLabel("Date format")).toHaveValue("DD.MM.YYYY");
  await expect(page.getByLabel("Decimal separator")).toHaveValue(",");
  // The salary is money in: skipped, with its line.
  await expect(previewRow(page, 9)).toContainText("Skipped");
  await expect(page.getByTestId("import-preview")).not.toContainText("\uFFFD");
});

test("a file over 20 MB is refused before anything is sent", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await page.goto("/import");
  let granted = false;
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/imports") granted = true;
  });
  await chooseImportFile(page, { name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(25 * 1024 * 1024, "a") });
  await expect(page.getByRole("alert").filter({ hasText: "MB" })).toHaveText("This file is 25 MB; imports can be at most 20 MB.");
  expect(granted).toBe(false);
});
