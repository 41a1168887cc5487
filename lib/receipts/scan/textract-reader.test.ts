import { readFileSync } from "node:fs";
import { AnalyzeExpenseCommand, type AnalyzeExpenseCommandOutput } from "@aws-sdk/client-textract";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createTextractReader } from "./textract-reader";

const savedResponse = (): AnalyzeExpenseCommandOutput => ({
  ...JSON.parse(readFileSync(new URL("./__fixtures__/textract/analyze-expense-receipt.json", import.meta.url), "utf8")),
  $metadata: {},
});

/** A Textract client that answers every AnalyzeExpense with the saved response and remembers what it was sent. */
function fakeTextract() {
  const sent: AnalyzeExpenseCommand[] = [];
  return {
    sent,
    textract: {
      async send(command: AnalyzeExpenseCommand): Promise<AnalyzeExpenseCommandOutput> {
        sent.push(command);
        return savedResponse();
      },
    },
  };
}

const input = { today: "2025-06-30", defaultCurrency: "EUR" };

describe("createTextractReader", () => {
  it("asks Textract to read the stored object and maps its answer", async () => {
    const { sent, textract } = fakeTextract();
    const result = await createTextractReader({ textract }).read({
      ...input,
      bytes: Buffer.from("jpeg bytes"),
      contentType: "image/jpeg",
      object: { bucket: "files", key: "receipts/u/e/x" },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(AnalyzeExpenseCommand);
    expect(sent[0]?.input).toEqual({ Document: { S3Object: { Bucket: "files", Name: "receipts/u/e/x" } } });
    expect(result).toMatchObject({ amount: { value: "1810.46" }, currency: { value: "USD" }, date: { value: "2019-12-07" }, merchant: { value: "MEGA MARKET PLUS" } });
  });

  it("sends the bytes when no stored object is named", async () => {
    const { sent, textract } = fakeTextract();
    await createTextractReader({ textract }).read({ ...input, bytes: Buffer.from("png bytes"), contentType: "image/png" });
    expect(sent[0]?.input.Document?.Bytes).toEqual(Buffer.from("png bytes"));
  });

  it("sends a WebP receipt, which Textract cannot read, as PNG bytes", async () => {
    const { sent, textract } = fakeTextract();
    const webp = await sharp({ create: { width: 40, height: 60, channels: 3, background: "#fff" } }).webp().toBuffer();
    await createTextractReader({ textract }).read({ ...input, bytes: webp, contentType: "image/webp", object: { bucket: "files", key: "k" } });
    const bytes = sent[0]?.input.Document?.Bytes;
    expect(bytes && (await sharp(bytes).metadata()).format).toBe("png");
  });

  it("refuses input without a valid scan day", async () => {
    const { textract } = fakeTextract();
    await expect(createTextractReader({ textract }).read({ ...input, today: "30/06/2025", bytes: Buffer.alloc(1), contentType: "image/jpeg" })).rejects.toThrow();
  });
});
