/**
 * The receipt reader of this deployment, chosen by its stage's `ReceiptReader` link (infra/functions.ts on
 * AWS: Textract; local/stack.ts: tesseract), never by the handler. Tesseract's module (a worker, 10 MB of
 * language data) loads only where it is the reader.
 */
import { TextractClient } from "@aws-sdk/client-textract";
import { Resource } from "sst";
import { z } from "zod";
import type { ReceiptReader } from "@/lib/receipts/scan/receipt-reader";
import type { TesseractReader } from "@/lib/receipts/scan/tesseract-reader";
import { createTextractReader } from "@/lib/receipts/scan/textract-reader";

export const ReceiptReaderKindSchema = z.enum(["textract", "tesseract"]);

/**
 * Created once per process: a warm Lambda (or the local runner) keeps its client or OCR worker. `close`
 * stops tesseract's worker thread (the local runner, at the end).
 */
export function deploymentReceiptReader(): ReceiptReader & { close(): Promise<void> } {
  const kind = ReceiptReaderKindSchema.parse(Resource.ReceiptReader.kind);
  if (kind === "textract") return { ...createTextractReader({ textract: new TextractClient({}) }), close: async () => undefined };
  let tesseract: Promise<TesseractReader> | undefined;
  return {
    async read(input) {
      tesseract ??= import("@/lib/receipts/scan/tesseract-reader").then(({ createTesseractReader }) => createTesseractReader());
      return (await tesseract).read(input);
    },
    async close() {
      await (await tesseract)?.close();
    },
  };
}
