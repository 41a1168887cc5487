import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { renderReceipt } from "./render-receipt";
import { SAMPLE_RECEIPTS, SAMPLE_TODAY } from "./sample-receipts";
import { createTesseractReader } from "./tesseract-reader";

/** A few of the benchmark's receipts: US with tax, German with MwSt and decimal commas, yen, a heavy tilt. */
const CHOSEN = ["US grocery with sales tax", "German Kassenbon with MwSt and SUMME EUR", "Tokyo convenience store in yen", "Heavily tilted, noisy taqueria receipt"];

describe("the tesseract reader on photos of receipts (no network, one worker)", () => {
  const reader = createTesseractReader();
  afterAll(() => reader.close());

  for (const sample of SAMPLE_RECEIPTS.filter((s) => CHOSEN.includes(s.name))) {
    it(`reads a rendered, tilted and noisy receipt: ${sample.name}`, async () => {
      const bytes = await renderReceipt(sample.lines, sample.options);
      const result = await reader.read({ bytes, contentType: "image/jpeg", today: SAMPLE_TODAY, defaultCurrency: sample.defaultCurrency });
      expect({
        amount: result.amount?.value,
        currency: result.currency?.value ?? sample.defaultCurrency,
        date: result.date?.value,
        merchant: result.merchant?.value,
      }).toEqual(sample.expected);
      expect(result.amount?.confidence).toBeGreaterThan(0.5);
    });
  }

  it("reads a real receipt photo (the one of the saved Textract response)", async () => {
    const bytes = readFileSync(new URL("./__fixtures__/textract/receipt.jpg", import.meta.url));
    const result = await reader.read({ bytes, contentType: "image/jpeg", today: "2025-06-30", defaultCurrency: "EUR" });
    expect(result).toMatchObject({ amount: { value: "1810.46" }, currency: { value: "USD" }, date: { value: "2019-12-07" } });
    // The logo ("MEGA BIGBOX") is drawn, not printed; the first printed name is what OCR can give.
    expect(result.merchant?.value).toMatch(/^MEGA (MARKET PLUS|BIGBO[XK])$/);
  });

  it("proposes nothing for a PDF, which it does not rasterise", async () => {
    expect(await reader.read({ bytes: Buffer.from("%PDF-1.4"), contentType: "application/pdf", today: SAMPLE_TODAY, defaultCurrency: "EUR" })).toEqual({});
  });

  it("reuses one worker across reads and can be closed and started again", async () => {
    const other = createTesseractReader();
    const bytes = await renderReceipt([{ text: "PLAIN SHOP", size: 30 }, { left: "TOTAL", right: "€4.20" }, { text: "01.06.2025" }], { rotate: 1 });
    const input = { bytes, contentType: "image/jpeg", today: SAMPLE_TODAY, defaultCurrency: "EUR" };
    await other.start();
    const [first, second] = await Promise.all([other.read(input), other.read(input)]);
    expect(first).toEqual(second);
    expect(first.amount?.value).toBe("4.20");
    await other.close();
    expect((await other.read(input)).amount?.value).toBe("4.20");
    await other.close();
  });
});
