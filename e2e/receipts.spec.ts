import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page, Request } from "@playwright/test";
import sharp from "sharp";
import { heic, pdf } from "../lib/receipts/test-files";
import {
  addExpense,
  attachReceipt,
  chooseReceiptFile,
  expenseRows,
  expenseViaApi,
  openAttachPanel,
  replaceReceipt,
  signUp,
  throttleUploads,
  type PickedFile,
} from "./actions";
import { expect, test } from "./fixtures";

const expense = (description: string) => ({ date: "2025-03-14", amount: "7.30", currency: "EUR", category: "Food", description });

/**
 * A photographed receipt: text drawn over paper grain, so the JPEG weighs what a photo does (a few hundred
 * KB) and the upload takes long enough to be watched when throttled.
 */
async function receiptPhoto(width = 1600, height = 1200): Promise<PickedFile> {
  const grain = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let i = 0; i < grain.length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    grain[i] = 225 + (seed % 31);
  }
  const text = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<text x="120" y="220" font-size="96" font-family="sans-serif" font-weight="bold">CAFE BLUM</text>` +
      `<text x="120" y="420" font-size="64" font-family="monospace">Flat white   4.20</text>` +
      `<text x="120" y="520" font-size="64" font-family="monospace">Croissant    3.10</text>` +
      `<text x="120" y="700" font-size="80" font-family="monospace" font-weight="bold">TOTAL EUR    7.30</text>` +
      `</svg>`,
  );
  const buffer = await sharp(grain, { raw: { width, height, channels: 3 } })
    .composite([{ input: text }])
    .jpeg({ quality: 90 })
    .toBuffer();
  return { name: "cafe-blum.jpg", mimeType: "image/jpeg", buffer };
}

/** A portrait PNG, so its thumbnail is told apart from the landscape JPEG's by its shape. */
async function portraitPng(): Promise<PickedFile> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200"><rect width="100%" height="100%" fill="#eef6ff"/>` +
      `<text x="60" y="200" font-size="80" font-family="sans-serif">HARDWARE</text></svg>`,
  );
  return { name: "hardware.png", mimeType: "image/png", buffer: await sharp(svg).png().toBuffer() };
}

function rowOf(page: Page, title: string): Locator {
  return expenseRows(page).filter({ hasText: title });
}

async function naturalSize(image: Locator): Promise<{ width: number; height: number }> {
  return image.evaluate((element) => (element instanceof HTMLImageElement ? { width: element.naturalWidth, height: element.naturalHeight } : { width: 0, height: 0 }));
}

/** Requests that carry a receipt: grants from our API and uploads to any other origin but Cognito's. */
function watchReceiptTraffic(page: Page, cognitoEndpoint: string): string[] {
  const appOrigin = new URL(page.url()).origin;
  const seen: string[] = [];
  page.on("request", (request: Request) => {
    const url = new URL(request.url());
    const isGrant = url.origin === appOrigin && url.pathname.endsWith("/receipt") && request.method() === "POST";
    const isUpload = url.origin !== appOrigin && url.origin !== new URL(cognitoEndpoint).origin && request.method() === "POST";
    if (isGrant) seen.push("grant");
    if (isUpload) seen.push("upload");
  });
  return seen;
}

test("a photo uploads with progress, becomes a thumbnail and opens in a zoomable viewer with the keyboard", async ({ page, newUser, stack }) => {
  const title = "Receipt spec: lunch at Blum";
  await signUp(page, newUser);
  await addExpense(page, expense(title));
  const traffic = watchReceiptTraffic(page, stack.cognitoEndpoint);
  const photo = await receiptPhoto();
  expect(photo.buffer.length).toBeGreaterThan(200_000);

  const unthrottle = await throttleUploads(page, 100 * 1024);
  await chooseReceiptFile(page, await openAttachPanel(page, title), photo);
  const bar = rowOf(page, title).getByRole("progressbar", { name: "Uploading receipt" });
  await expect(bar).toBeVisible();
  await expect(rowOf(page, title).getByRole("button", { name: "Cancel upload" })).toBeFocused();
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(100);
  await unthrottle();

  const view = rowOf(page, title).getByRole("button", { name: `View receipt for ${title}` });
  await expect(view).toBeVisible();
  await expect.poll(async () => (await naturalSize(view.locator("img"))).width).toBeGreaterThan(0);
  // The file went to storage, not through our server: one grant from the API, one upload elsewhere.
  expect(traffic).toEqual(["grant", "upload"]);

  await view.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Receipt for ${title}` });
  await expect(dialog).toBeVisible();
  const image = dialog.getByRole("img", { name: `Receipt for ${title}` });
  await expect.poll(async () => (await naturalSize(image)).width).toBe(1600);
  const fitWidth = (await image.boundingBox())?.width ?? 0;
  expect(fitWidth).toBeGreaterThan(100);

  await page.keyboard.press("+");
  await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeCloseTo(fitWidth * 1.5, 0);
  await dialog.getByRole("button", { name: "Zoom in" }).click();
  await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeCloseTo(fitWidth * 2, 0);
  await page.keyboard.press("0");
  await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeCloseTo(fitWidth, 0);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(view).toBeFocused();
});

test("a receipt can be replaced with a PNG and removed, and the removal survives a reload", async ({ page, newUser }) => {
  const title = "Receipt spec: hardware store";
  await signUp(page, newUser);
  await addExpense(page, expense(title));
  const view = await attachReceipt(page, title, await receiptPhoto(1200, 900));
  const thumbnail = view.locator("img");
  await expect.poll(async () => (await naturalSize(thumbnail)).width).toBe(320);
  const firstSrc = await thumbnail.getAttribute("src");

  await view.click();
  const dialog = page.getByRole("dialog", { name: `Receipt for ${title}` });
  await dialog.getByRole("button", { name: "Replace" }).click();
  await expect(dialog).toBeHidden();
  const panel = page.getByRole("group", { name: `Attach a receipt to ${title}` });
  await expect(panel.locator(":focus")).toHaveCount(1);
  await chooseReceiptFile(page, panel, await portraitPng());
  await expect(thumbnail).not.toHaveAttribute("src", firstSrc ?? "");
  // The PNG is portrait: its 320 px thumbnail is 320 high and narrower than it is tall.
  await expect.poll(async () => naturalSize(thumbnail)).toEqual({ width: 240, height: 320 });
  expect((await expenseViaApi(page, title)).receipt).toMatchObject({ status: "ready", contentType: "image/png", hasThumbnail: true });

  await view.click();
  await dialog.getByRole("button", { name: "Remove" }).click();
  const question = dialog.getByRole("group", { name: "Remove this receipt?" });
  await expect(question.getByRole("button", { name: "Keep it" })).toBeFocused();
  await question.getByRole("button", { name: "Remove receipt" }).click();
  await expect(dialog).toBeHidden();
  const attach = rowOf(page, title).getByRole("button", { name: `Attach receipt to ${title}` });
  await expect(attach).toBeFocused();

  await page.reload();
  await expect(attach).toBeVisible();
  await expect(rowOf(page, title).getByRole("button", { name: `View receipt for ${title}` })).toHaveCount(0);
  expect((await expenseViaApi(page, title)).receipt).toBeUndefined();
});

test("while a new file replaces a receipt, the current one stays shown and viewable until the new one is checked", async ({ page, newUser }) => {
  const title = "Receipt spec: replaced slowly";
  await signUp(page, newUser);
  await addExpense(page, expense(title));
  const row = rowOf(page, title);
  const view = await attachReceipt(page, title, await receiptPhoto(1200, 900));
  const thumbnail = view.locator("img");
  await expect.poll(async () => naturalSize(thumbnail)).toEqual({ width: 320, height: 240 });
  const firstSrc = (await thumbnail.getAttribute("src")) ?? "";

  // A portrait photo of a few hundred KB: long enough to watch at 50 KB/s, and its thumbnail has another shape.
  const unthrottle = await throttleUploads(page, 50 * 1024);
  await replaceReceipt(page, title, await receiptPhoto(1200, 1600));
  const bar = row.getByRole("progressbar", { name: "Uploading new receipt" });
  await expect(bar).toBeVisible();
  await expect(row.getByRole("button", { name: "Cancel upload" })).toBeFocused();
  await expect(thumbnail).toHaveAttribute("src", firstSrc);
  expect(await naturalSize(thumbnail)).toEqual({ width: 320, height: 240 });
  expect((await expenseViaApi(page, title)).receipt).toMatchObject({ status: "ready", replacement: { status: "pending" } });

  // The viewer opens the current file meanwhile.
  await view.click();
  const dialog = page.getByRole("dialog", { name: `Receipt for ${title}` });
  await expect.poll(async () => naturalSize(dialog.getByRole("img", { name: `Receipt for ${title}` }))).toEqual({ width: 1200, height: 900 });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(bar).toBeVisible();
  await unthrottle();

  await expect.poll(async () => naturalSize(thumbnail)).toEqual({ width: 240, height: 320 });
  await expect(row.getByRole("progressbar")).toHaveCount(0);
  await expect(row).not.toContainText("Checking new receipt");
  const { receipt } = await expenseViaApi(page, title);
  expect(receipt).toMatchObject({ status: "ready", contentType: "image/jpeg", hasThumbnail: true });
  expect(receipt?.replacement).toBeUndefined();
});

test("cancelling a replacement keeps the current receipt, also after a reload", async ({ page, newUser }) => {
  const title = "Receipt spec: replacement cancelled";
  await signUp(page, newUser);
  await addExpense(page, expense(title));
  const row = rowOf(page, title);
  const view = await attachReceipt(page, title, await receiptPhoto(1200, 900));
  await expect.poll(async () => naturalSize(view.locator("img"))).toEqual({ width: 320, height: 240 });

  const unthrottle = await throttleUploads(page, 20 * 1024);
  await replaceReceipt(page, title, await receiptPhoto(1200, 1600));
  await expect(row.getByRole("progressbar", { name: "Uploading new receipt" })).toBeVisible();
  await row.getByRole("button", { name: "Cancel upload" }).click();
  await unthrottle();
  await expect(view).toBeFocused();
  await expect(row.getByRole("progressbar")).toHaveCount(0);
  // The cancelled upload is forgotten on the server (a DELETE after the abort) and the ready receipt stays.
  await expect.poll(async () => (await expenseViaApi(page, title)).receipt?.replacement).toBeUndefined();
  expect((await expenseViaApi(page, title)).receipt).toMatchObject({ status: "ready", contentType: "image/jpeg" });

  await page.reload();
  await expect.poll(async () => naturalSize(view.locator("img"))).toEqual({ width: 320, height: 240 });
  await expect(row).not.toContainText("Checking");
  await view.click();
  const dialog = page.getByRole("dialog", { name: `Receipt for ${title}` });
  await expect.poll(async () => naturalSize(dialog.getByRole("img", { name: `Receipt for ${title}` }))).toEqual({ width: 1200, height: 900 });
});

test("a refused replacement says why while the current receipt stays; keeping it clears the message for good", async ({ page, newUser }) => {
  const title = "Receipt spec: replacement refused";
  await signUp(page, newUser);
  await addExpense(page, expense(title));
  const row = rowOf(page, title);
  const view = await attachReceipt(page, title, await receiptPhoto(1200, 900));
  const thumbnail = view.locator("img");
  await expect.poll(async () => naturalSize(thumbnail)).toEqual({ width: 320, height: 240 });
  const firstSrc = (await thumbnail.getAttribute("src")) ?? "";

  await replaceReceipt(page, title, { name: "receipt.png", mimeType: "image/png", buffer: Buffer.from("hello") });
  await expect(row).toContainText("Your new file was not accepted:");
  const { receipt } = await expenseViaApi(page, title);
  expect(receipt).toMatchObject({ status: "ready", replacement: { status: "rejected" } });
  expect(receipt?.replacement?.reason).toBeTruthy();
  await expect(row).toContainText(`Your new file was not accepted: ${receipt?.replacement?.reason ?? ""}`);
  await expect(thumbnail).toHaveAttribute("src", firstSrc);
  await expect(row.getByRole("button", { name: "Choose another file" })).toBeVisible();

  await page.reload();
  await expect(row).toContainText(receipt?.replacement?.reason ?? "");
  await expect.poll(async () => naturalSize(thumbnail)).toEqual({ width: 320, height: 240 });
  await row.getByRole("button", { name: "Keep current receipt" }).click();
  await expect(row).not.toContainText("Your new file was not accepted");
  await expect(view).toBeFocused();
  await expect.poll(async () => (await expenseViaApi(page, title)).receipt?.replacement).toBeUndefined();
  expect((await expenseViaApi(page, title)).receipt).toMatchObject({ status: "ready", contentType: "image/jpeg", hasThumbnail: true });

  await page.reload();
  await expect.poll(async () => naturalSize(thumbnail)).toEqual({ width: 320, height: 240 });
  await expect(row).not.toContainText("Your new file was not accepted");
  await expect(row.getByRole("button", { name: "Keep current receipt" })).toHaveCount(0);
});

test("a file too large or of the wrong kind is refused at once and nothing is sent", async ({ page, newUser, stack }) => {
  const title = "Receipt spec: big scan";
  await signUp(page, newUser);
  await addExpense(page, expense(title));
  const traffic = watchReceiptTraffic(page, stack.cognitoEndpoint);

  const panel = await openAttachPanel(page, title);
  await chooseReceiptFile(page, panel, { name: "scan.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(11 * 1024 * 1024, 0xff) });
  await expect(panel.getByRole("alert")).toHaveText("This file is 11 MB; receipts can be at most 10 MB.");
  await chooseReceiptFile(page, panel, { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("lunch 7.30") });
  await expect(panel.getByRole("alert")).toHaveText("Choose a photo (JPEG, PNG, WebP, HEIC) or a PDF.");
  expect(traffic).toEqual([]);

  // Escape closes the panel and gives focus back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  const attach = rowOf(page, title).getByRole("button", { name: `Attach receipt to ${title}` });
  await expect(attach).toBeFocused();

  // The first request of all is the next, acceptable file's: the refused ones sent nothing, even late.
  await attachReceipt(page, title, await receiptPhoto(800, 600));
  expect(traffic).toEqual(["grant", "upload"]);
});

test("a text file named .png passes the browser's check, and the server's reason for refusing it is shown", async ({ page, newUser }) => {
  const title = "Receipt spec: fake photo";
  await signUp(page, newUser);
  await addExpense(page, expense(title));

  await chooseReceiptFile(page, await openAttachPanel(page, title), { name: "receipt.png", mimeType: "image/png", buffer: Buffer.from("hello") });
  const row = rowOf(page, title);
  await expect(row).toContainText("Receipt not accepted.");
  const { receipt } = await expenseViaApi(page, title);
  expect(receipt?.status).toBe("rejected");
  expect(receipt?.reason).toBeTruthy();
  await expect(row).toContainText(receipt?.reason ?? "");
  await expect(row.getByRole("button", { name: "Choose another file" })).toBeFocused();

  await page.reload();
  await expect(row).toContainText(receipt?.reason ?? "");
  await row.getByRole("button", { name: "Choose another file" }).click();
  const panel = page.getByRole("group", { name: `Attach a receipt to ${title}` });
  await chooseReceiptFile(page, panel, await receiptPhoto(800, 600));
  await expect(row.getByRole("button", { name: `View receipt for ${title}` })).toBeVisible();
  await expect(row).not.toContainText("Receipt not accepted.");
});

test("cancelling an upload leaves the expense without a receipt", async ({ page, newUser }) => {
  const title = "Receipt spec: cancelled";
  await signUp(page, newUser);
  await addExpense(page, expense(title));

  const unthrottle = await throttleUploads(page, 20 * 1024);
  await chooseReceiptFile(page, await openAttachPanel(page, title), await receiptPhoto());
  const row = rowOf(page, title);
  await expect(row.getByRole("progressbar", { name: "Uploading receipt" })).toBeVisible();
  await row.getByRole("button", { name: "Cancel upload" }).click();
  await unthrottle();
  const attach = row.getByRole("button", { name: `Attach receipt to ${title}` });
  await expect(attach).toBeFocused();
  await expect(row.getByRole("progressbar")).toHaveCount(0);
  await expect.poll(async () => (await expenseViaApi(page, title)).receipt).toBeUndefined();

  await page.reload();
  await expect(attach).toBeVisible();
});

test("a PDF shows a page icon and opens in a new tab; an iPhone HEIC with no type from the browser gets a thumbnail", async ({ page, newUser }) => {
  const invoice = "Receipt spec: hotel invoice";
  const photo = "Receipt spec: iPhone photo";
  await signUp(page, newUser);
  await addExpense(page, expense(invoice));
  await addExpense(page, expense(photo));

  const pdfView = await attachReceipt(page, invoice, { name: "invoice.pdf", mimeType: "application/pdf", buffer: pdf() });
  await expect(pdfView.locator("img")).toHaveCount(0);
  await pdfView.click();
  const dialog = page.getByRole("dialog", { name: `Receipt for ${invoice}` });
  const open = dialog.getByRole("link", { name: /Open PDF/ });
  await expect(open).toHaveAttribute("target", "_blank");
  await expect(open).toHaveAttribute("rel", /noopener/);
  const file = await page.request.get((await open.getAttribute("href")) ?? "");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(pdfView).toBeFocused();

  // Chrome reports no type for .heic files; the extension says what it is.
  const heicView = await attachReceipt(page, photo, { name: "IMG_0042.HEIC", mimeType: "", buffer: heic() });
  await expect.poll(async () => (await naturalSize(heicView.locator("img"))).width).toBeGreaterThan(0);
});

test("the attach panel offers what the device has: the camera on a phone, drop and paste on a desktop", async ({ page, newUser }, testInfo) => {
  const first = "Receipt spec: taken or dropped";
  const second = "Receipt spec: pasted";
  await signUp(page, newUser);
  await addExpense(page, expense(first));
  await addExpense(page, expense(second));

  if (testInfo.project.name === "phone") {
    const panel = await openAttachPanel(page, first);
    await expect(panel.getByRole("button", { name: "Take photo" })).toBeFocused();
    await expect(panel.getByText("Drop a receipt here")).toHaveCount(0);
    const chooser = page.waitForEvent("filechooser");
    await panel.getByRole("button", { name: "Take photo" }).click();
    const camera = await chooser;
    expect(await camera.element().getAttribute("capture")).toBe("environment");
    expect(await camera.element().getAttribute("accept")).toBe("image/*");
    await camera.setFiles(await receiptPhoto(1200, 1600));
    await expect(rowOf(page, first).getByRole("button", { name: `View receipt for ${first}` })).toBeVisible();
    return;
  }

  const png = (await portraitPng()).buffer.toString("base64");
  const fileTransfer = (name: string) =>
    page.evaluateHandle(
      ([base64, fileName]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], fileName, { type: "image/png" }));
        return transfer;
      },
      [png, name] as const,
    );

  const panel = await openAttachPanel(page, first);
  await expect(panel.getByRole("button", { name: "Take photo" })).toHaveCount(0);
  await panel.getByText("Drop a receipt here").dispatchEvent("drop", { dataTransfer: await fileTransfer("dropped.png") });
  await expect(rowOf(page, first).getByRole("button", { name: `View receipt for ${first}` })).toBeVisible();

  await openAttachPanel(page, second);
  const clipboard = await fileTransfer("image.png");
  await page.evaluate((clipboardData) => {
    (document.activeElement ?? document).dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true }));
  }, clipboard);
  await expect(rowOf(page, second).getByRole("button", { name: `View receipt for ${second}` })).toBeVisible();
});

test("the tracker with a receipt, the attach panel and the viewer have no serious accessibility violations", async ({ page, newUser }) => {
  const withReceipt = "Receipt spec: axe with receipt";
  const without = "Receipt spec: axe without";
  await signUp(page, newUser);
  await addExpense(page, expense(withReceipt));
  await addExpense(page, expense(without));
  const view = await attachReceipt(page, withReceipt, await receiptPhoto(800, 600));
  await expect.poll(async () => (await naturalSize(view.locator("img"))).width).toBeGreaterThan(0);

  const serious = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  };
  expect(await serious()).toEqual([]);
  await openAttachPanel(page, without);
  expect(await serious()).toEqual([]);
  await page.keyboard.press("Escape");
  await view.click();
  await expect(page.getByRole("dialog", { name: `Receipt for ${withReceipt}` }).getByRole("img")).toBeVisible();
  expect(await serious()).toEqual([]);
});
