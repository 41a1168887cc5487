/**
 * The receipt reader with no AWS account: tesseract.js 7 (WebAssembly, in a worker thread) with the English
 * LSTM data shipped by the npm package @tesseract.js-data/eng (4.0.0_best_int) — nothing is downloaded at
 * run time. One worker is started on the first read (or by start()) and reused: create the reader at module
 * scope in a Lambda, so a warm instance skips the worker start (0.4-2 s measured here, by machine load) and
 * the slower first, cold recognition; reads are queued on the worker one at a time. The photo is
 * prepared with sharp (prepare-ocr-image.ts), then the text goes through the pure parseReceiptText.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Tesseract from "tesseract.js";
import type { OcrLine } from "./ocr-text";
import { parseReceiptText } from "./parse-receipt-text";
import { prepareOcrImage } from "./prepare-ocr-image";
import { ReceiptScanInputSchema, type ReceiptReader, type ReceiptScanInput } from "./receipt-reader";
import type { ScanResult } from "../../schemas";

export type TesseractReaderOptions = {
  /** Folder holding eng.traineddata.gz; default: @tesseract.js-data/eng/4.0.0_best_int resolved from node_modules. */
  langPath?: string;
  /** A writable folder for the unpacked data (a Lambda may only write /tmp); default: <os.tmpdir()>/ledgerline-tesseract. */
  cachePath?: string;
};

export type TesseractReader = ReceiptReader & {
  /** Starts the worker now rather than on the first read (a Lambda's init phase, a local stack's start-up). */
  start(): Promise<void>;
  /** Stops the worker thread (tests, benchmarks, a local process shutting down); a later read starts a new one. */
  close(): Promise<void>;
};

/** The language data folder inside the installed npm package (next to the bundle in a Lambda: see the report). */
export function defaultLangPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
}

async function startWorker({ langPath = defaultLangPath(), cachePath = join(tmpdir(), "ledgerline-tesseract") }: TesseractReaderOptions) {
  // The unpacked data is cached under the language's name only, so the folder is ours alone.
  mkdirSync(cachePath, { recursive: true });
  const worker = await Tesseract.createWorker("eng", Tesseract.OEM.LSTM_ONLY, { langPath, cachePath, gzip: true });
  // One uniform block keeps a receipt's label and amount on one line ("TOTAL ...... 12.50").
  // debug_file: tesseract's own chatter ("Detected 109 diacritics") stays out of the function's logs.
  await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK, debug_file: "/dev/null" });
  return worker;
}

/**
 * Specks of paper or noise read as words at the ends of a line ("© CORNER DELI oh"): doubtful (< 30 %)
 * words of symbols only, or of one or two small letters. Words with digits are never dropped.
 */
const SPECK_CONFIDENCE = 30;
const isSpeck = (word: Tesseract.Word) => word.confidence < SPECK_CONFIDENCE && /^(?:[^\p{L}\p{N}]+|\p{Ll}{1,2})$/u.test(word.text);

function withoutSpecks(words: readonly Tesseract.Word[]): string[] {
  const kept = [...words];
  for (let first = kept[0]; first && isSpeck(first); first = kept[0]) kept.shift();
  for (let last = kept[kept.length - 1]; last && isSpeck(last); last = kept[kept.length - 1]) kept.pop();
  return kept.map((word) => word.text);
}

export function createTesseractReader(options: TesseractReaderOptions = {}): TesseractReader {
  let worker: Promise<Tesseract.Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const started = () => {
    worker ??= startWorker(options).catch((error: unknown) => {
      worker = undefined; // the next read tries again
      throw error;
    });
    return worker;
  };

  async function recognise(image: Buffer): Promise<OcrLine[]> {
    // rotateAuto: tesseract measures the text's skew and straightens the image before reading it.
    const { data } = await (await started()).recognize(image, { rotateAuto: true }, { text: true, blocks: true });
    const lines = (data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
    if (lines.length === 0) return data.text.split("\n").map((text) => ({ text, confidence: data.confidence }));
    return lines.map((line) => ({ text: withoutSpecks(line.words).join(" "), confidence: line.confidence }));
  }

  return {
    async read(raw: ReceiptScanInput): Promise<ScanResult> {
      const input = ReceiptScanInputSchema.parse(raw);
      // PDFs are not rasterised here (sharp's prebuilt libvips has no PDF loader): nothing is proposed.
      if (input.contentType === "application/pdf") return {};
      const image = await prepareOcrImage(input.bytes);
      const run = queue.then(() => recognise(image));
      queue = run.catch(() => undefined);
      const lines = await run;
      return parseReceiptText(lines, { today: input.today, defaultCurrency: input.defaultCurrency });
    },
    async start() {
      await started();
    },
    async close() {
      const current = worker;
      worker = undefined;
      if (current) await (await current.catch(() => undefined))?.terminate();
    },
  };
}
