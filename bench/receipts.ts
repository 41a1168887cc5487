/**
 * Receipt benchmark (npm run bench): upload-to-ready latency of a 3 MB phone-size JPEG on the local stack —
 * from the start of the browser's presigned POST to the moment the expense's receipt reads `ready` (S3 front,
 * ObjectCreated event, the local functions runner, the receipt function, DynamoDB) — next to the time sharp
 * alone needs for the same image work on the same file in the same run. Writes bench/results/receipts.json
 * and receipts.md. Targets (issue 8): p50 <= 1.0 s and p50 <= 3x the sharp-only p50.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import sharp from "sharp";
import { ulid } from "ulid";
import { createDocumentClient } from "../lib/dynamo-client";
import { expenseKey } from "../lib/expenses/items";
import { processImage } from "../lib/receipts/process-image";
import { createReceiptFiles } from "../lib/receipts/receipt-files";
import { createReceipts } from "../lib/receipts/receipts";
import { uploadWithGrant } from "../lib/receipts/test-files";
import { createS3Client } from "../lib/s3-client";
import { BUCKET_NAME, startLocalStack, TABLE_NAME } from "../local/stack";

const UPLOADS = Number(process.env.BENCH_RECEIPT_UPLOADS ?? 24);
const WARMUP = 3;
const P50_TARGET_MS = 1_000;
const RATIO_TARGET = 3;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (ms: number) => Math.round(ms);

/** A 4032 x 3024 photo (12 MP, as phones take them) with enough texture to weigh about 3 MB as JPEG. */
async function phonePhoto(): Promise<Buffer> {
  const texture = await sharp({ create: { width: 1008, height: 756, channels: 3, background: "#999", noise: { type: "gaussian", mean: 150, sigma: 20 } } })
    .png()
    .toBuffer();
  return sharp(texture).resize(4032, 3024).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
}

const stack = await startLocalStack({ appOrigins: ["http://localhost:3000"], functions: { log: () => undefined } });
try {
  const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
  const s3 = createS3Client(stack.env, { endpoint: stack.s3.endpoint });
  const receipts = createReceipts({ client, tableName: TABLE_NAME, files: createReceiptFiles({ s3, bucket: BUCKET_NAME }) })("bench-user");
  const photo = await phonePhoto();
  const file = { kind: "image", contentType: "image/jpeg" } as const;

  const sharpOnly: number[] = [];
  for (let i = 0; i < WARMUP + UPLOADS; i++) {
    const started = performance.now();
    await processImage(photo, file);
    if (i >= WARMUP) sharpOnly.push(performance.now() - started);
  }

  const uploadToReady: number[] = [];
  for (let i = 0; i < WARMUP + UPLOADS; i++) {
    const id = ulid();
    const at = new Date().toISOString();
    await client.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...expenseKey("bench-user", id), id, date: "2025-03-14", amountMinor: 1250, currency: "EUR", category: "Food", description: "", createdAt: at, updatedAt: at, version: 1 },
      }),
    );
    const grant = await receipts.grantUpload(id, { contentType: "image/jpeg", size: photo.length });
    const started = performance.now();
    const res = await uploadWithGrant(grant, photo);
    if (res.status !== 204) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    for (;;) {
      const { Item } = await client.send(new GetCommand({ TableName: TABLE_NAME, Key: expenseKey("bench-user", id), ConsistentRead: true }));
      const status: unknown = Item?.receipt?.status;
      if (status === "ready") break;
      if (status === "rejected") throw new Error("the benchmark photo was rejected");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (i >= WARMUP) uploadToReady.push(performance.now() - started);
  }

  const p50 = percentile(uploadToReady, 50);
  const sharpP50 = percentile(sharpOnly, 50);
  const result = {
    ranAt: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import("node:os")).cpus().length },
    file: { width: 4032, height: 3024, bytes: photo.length },
    uploads: UPLOADS,
    uploadToReadyMs: { p50: round(p50), p95: round(percentile(uploadToReady, 95)), max: round(Math.max(...uploadToReady)) },
    sharpOnlyMs: { p50: round(sharpP50), p95: round(percentile(sharpOnly, 95)) },
    ratio: Number((p50 / sharpP50).toFixed(2)),
    targets: { p50Ms: P50_TARGET_MS, ratio: RATIO_TARGET },
    met: { p50: p50 <= P50_TARGET_MS, ratio: p50 / sharpP50 <= RATIO_TARGET },
  };
  const md = [
    `# Receipt benchmark (${result.ranAt})`,
    "",
    `Node ${result.machine.node}, ${result.machine.cpus} CPUs, local stack on 127.0.0.1. A ${result.file.width} x ${result.file.height} JPEG of ` +
      `${(result.file.bytes / 1e6).toFixed(2)} MB, ${UPLOADS} uploads one after another (after ${WARMUP} warm-ups).`,
    "",
    "| measure | p50 ms | p95 ms |",
    "|---|---|---|",
    `| upload to ready (presigned POST -> S3 event -> receipt function -> receipt ready in DynamoDB) | ${result.uploadToReadyMs.p50} | ${result.uploadToReadyMs.p95} |`,
    `| sharp alone (auto-orient, strip, 2560 px JPEG + 320 px WebP thumbnail) | ${result.sharpOnlyMs.p50} | ${result.sharpOnlyMs.p95} |`,
    "",
    `p50 ${result.uploadToReadyMs.p50} ms (target <= ${P50_TARGET_MS}: ${result.met.p50 ? "met" : "NOT met"}); ` +
      `ratio to sharp ${result.ratio} (target <= ${RATIO_TARGET}: ${result.met.ratio ? "met" : "NOT met"}).`,
    "",
  ].join("\n");
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/receipts.json", `${JSON.stringify(result, null, 2)}\n`);
  await writeFile("bench/results/receipts.md", md);
  console.log(md);
} finally {
  await stack.stop();
}
