/**
 * The receipt reader a stage names in its `ReceiptReader` link (infra/functions.ts on AWS: Textract;
 * local/stack.ts: tesseract), which the handler passes in as it is. Tesseract's module (a worker thread and
 * 10 MB of language data) is loaded only where it is the reader.
 */
import { TextractClient } from "@aws-sdk/client-textract";
import { z } from "zod";
import type { ReceiptReader } from "./receipt-reader";
import type { TesseractReader } from "./tesseract-reader";
import { createTextractReader } from "./textract-reader";

export const ReceiptReaderKindSchema = z.enum(["textract", "tesseract"]);

/**
 * Created once per process: a warm Lambda (or the local runner) keeps its client or OCR worker. `close`
 * stops tesseract's worker thread (the local runner, at the end).
 */
export function createStageReader(linkedKind: unknown): ReceiptReader & { close(): Promise<void> } {
  const kind = ReceiptReaderKindSchema.parse(linkedKind);
  if (kind === "textract") return { ...createTextractReader({ textract: new TextractClient({}) }), close: async () => undefined };
  let tesseract: Promise<TesseractReader> | undefined;
  return {
    async read(input) {
      tesseract ??= import("./tesseract-reader").then(({ createTesseractReader }) => createTesseractReader());
      return (await tesseract).read(input);
    },
    async close() {
      await (await tesseract)?.close();
    },
  };
}
