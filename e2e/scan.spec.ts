import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { renderReceipt } from "../lib/receipts/scan/render-receipt";
import { SAMPLE_RECEIPTS } from "../lib/receipts/scan/sample-receipts";
import { expenseRows, signUp, type PickedFile } from "./actions";
import { expect, test } from "./fixtures";

/** OCR on 2 cores, the first time after start-up included, can take several seconds. */
const READ_TIMEOUT = 60_000;

async function groceryReceipt(): Promise<PickedFile> {
  const sample = SAMPLE_RECEIPTS.find((s) => s.name === "US grocery with sales tax");
  if (!sample) throw new Error("sample receipt missing");
  return { name: "receipt.jpg", mimeType: "image/jpeg", buffer: await renderReceipt(sample.lines, sample.options) };
}

async function scanFile(page: Page, file: PickedFile): Promise<void> {
  await page.getByRole("button", { name: "Scan receipt" }).click();
  const panel = page.getByRole("group", { name: "Scan a receipt: its photo fills in the form" });
  await expect(panel).toBeVisible();
  const chooser = page.waitForEvent("filechooser");
  await panel.getByRole("button", { name: "Choose file" }).click();
  await (await chooser).setFiles(file);
}

test("a scanned receipt fills in amount, currency, date and merchant, marked for checking; saved, it keeps the photo", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await scanFile(page, await groceryReceipt());
  const status = page.getByTestId("scan-status");
  await expect(status).toContainText("Filled in the amount, currency, date and merchant from the receipt", { timeout: READ_TIMEOUT });

  const form = page.locator("#add-expense-form");
  await expect(form.getByLabel("Amount")).toHaveValue("17.60");
  await expect(form.getByLabel("Currency")).toHaveValue("USD");
  await expect(form.getByLabel("Date")).toHaveValue("2025-03-14");
  await expect(form.getByLabel("Merchant")).toHaveValue("GREEN VALLEY MARKET");
  await expect(form.getByText("From the receipt", { exact: true })).toHaveCount(4);
  // A corrected field is the person's, not a guess any more.
  await form.getByLabel("Merchant").fill("Green Valley Market");
  await expect(form.getByText("From the receipt", { exact: true })).toHaveCount(3);
  expect((await new AxeBuilder({ page }).include("#add-expense-form").analyze()).violations).toEqual([]);

  await form.getByLabel("Description").fill("Weekly groceries");
  await form.getByRole("button", { name: "Add expense" }).click();
  const row = expenseRows(page).filter({ hasText: "Weekly groceries" });
  await expect(row).toContainText("17.60");
  await expect(row.getByRole("button", { name: /^View receipt for/ })).toBeVisible({ timeout: READ_TIMEOUT });
  await expect(status).toBeHidden();
  await expect(form.getByLabel("Amount")).toHaveValue("");

  await page.reload();
  await expect(expenseRows(page).filter({ hasText: "Weekly groceries" }).getByRole("button", { name: /^View receipt for/ })).toBeVisible();
});

test("a photo with nothing to read says so and leaves the form for typing; the photo can be removed", async ({ page, newUser }) => {
  await signUp(page, newUser);
  const blank = await sharp({ create: { width: 900, height: 1200, channels: 3, background: "#f4f1ea" } }).jpeg().toBuffer();
  await scanFile(page, { name: "blank.jpg", mimeType: "image/jpeg", buffer: blank });
  const status = page.getByTestId("scan-status");
  await expect(status).toContainText("Nothing could be read from this receipt", { timeout: READ_TIMEOUT });
  const form = page.locator("#add-expense-form");
  await expect(form.getByLabel("Amount")).toHaveValue("");
  await expect(form.getByText("From the receipt", { exact: true })).toHaveCount(0);
  await status.getByRole("button", { name: "Remove photo" }).click();
  await expect(status).toBeHidden();
  await expect(page.getByRole("button", { name: "Scan receipt" })).toBeFocused();
});

test("a file that is not a photo is refused before anything is sent", async ({ page, newUser }) => {
  await signUp(page, newUser);
  let scans = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/scans") scans += 1;
  });
  await scanFile(page, { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a receipt") });
  await expect(page.getByTestId("scan-status")).toContainText("Choose a photo (JPEG, PNG, WebP, HEIC) or a PDF.");
  expect(scans).toBe(0);
});
