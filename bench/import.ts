/**
 * Import benchmark (npm run bench; bench/results/import.json, folded into data.json by the export benchmark).
 * A 100k-row bank CSV (BENCH_IMPORT_ROWS) — semicolons, decimal commas, DD.MM.YYYY, a Soll/Haben marker — is
 * uploaded through a presigned POST, detected and committed by the import function on the local stack
 * (in this process, as the local runner runs it), next to raw BatchWriteItem of the same rows in the same run.
 * Targets (issue 10): rows/s >= 0.5x raw BatchWriteItem with exact aggregates; peak RSS growth flat, <= 128 MB.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { createDocumentClient } from "../lib/dynamo-client";
import { newExpense } from "../lib/expenses/expense";
import { toExpenseItem } from "../lib/expenses/items";
import { createImportFiles } from "../lib/imports/import-files";
import { createImports } from "../lib/imports/imports";
import { uploadWithGrant } from "../lib/receipts/test-files";
import { createS3Client } from "../lib/s3-client";
import { NewExpenseSchema } from "../lib/schemas";
import { BUCKET_NAME, startLocalStack, TABLE_NAME } from "../local/stack";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const MERCHANTS = ["REWE Markt", "Bäckerei Schäfer", "Aral Tankstelle", "Drogerie Müller", "Stadtwerke", "Thalia", "DB Fernverkehr", "Café Extrablatt"];
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function bankFile(rows: number): { text: string; dates: string[]; amounts: string[] } {
  const lines = ["Kontonummer:;DE89 3704 0044 0532 0130 00;;;", "", "Buchungstag;Empfänger;Verwendungszweck;Betrag;Soll/Haben"];
  const dates: string[] = [];
  const amounts: string[] = [];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const de = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    const cents = 100 + ((i * 7919) % 50_000);
    const amount = `${Math.floor(cents / 100).toLocaleString("de-DE")},${String(cents % 100).padStart(2, "0")}`;
    lines.push(`${de};${MERCHANTS[i % MERCHANTS.length] ?? ""};Kartenzahlung ${i};${amount};S`);
    dates.push(iso);
    amounts.push(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);
  }
  return { text: `${lines.join("\r\n")}\r\n`, dates, amounts };
}

// No stream subscribers: the analytics function rebuilding months would compete with what is measured.
const stack = await startLocalStack({ appOrigins: ["http://localhost:3000"], functions: { log: () => undefined, streamSubscriptions: [] } });
try {
  const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
  const s3 = createS3Client(stack.env, { endpoint: stack.s3.endpoint });
  const files = createImportFiles({ s3, bucket: BUCKET_NAME });
  const { LambdaClient, InvokeCommand } = await import("@aws-sdk/client-lambda");
  const lambda = new LambdaClient({ endpoint: stack.env.AWS_ENDPOINT_URL_LAMBDA });
  const imports = createImports({
    client,
    tableName: TABLE_NAME,
    files,
    invoke: async (command) => {
      await lambda.send(new InvokeCommand({ FunctionName: "ledgerline-local-import", InvocationType: "Event", Payload: JSON.stringify(command) }));
    },
  })("bench-importer");
  const { text, dates, amounts } = bankFile(ROWS);
  const bytes = Buffer.from(text, "latin1");

  // The floor: the same rows as expense items, written with BatchWriteItem (25 a request, one after another, like the import).
  const now = new Date();
  const items = dates.map((date, i) =>
    toExpenseItem("bench-raw", newExpense(NewExpenseSchema.parse({ date, amount: amounts[i], currency: "EUR", category: "Other", description: `Kartenzahlung ${i}` }), ulid(), now)),
  );
  const rawStarted = performance.now();
  for (let i = 0; i < items.length; i += 25) {
    let pending: { PutRequest: { Item: Record<string, unknown> } }[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
      pending = (result.UnprocessedItems?.[TABLE_NAME] ?? []).flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
    }
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  const grant = await imports.create({ fileName: "bench.csv", size: bytes.length, contentType: "text/csv" });
  const wait = async (done: (status: string) => boolean) => {
    for (;;) {
      const current = await imports.get(grant.importId);
      if (done(current.status)) return current;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const detectStarted = performance.now();
  const upload = await uploadWithGrant(grant, bytes);
  if (upload.status !== 204) throw new Error(`upload answered ${upload.status}`);
  const preview = await wait((status) => status !== "uploading");
  const detectSeconds = (performance.now() - detectStarted) / 1000;
  if (preview.status !== "preview") throw new Error(`detection ended ${preview.status}: ${preview.error ?? ""}`);
  const commitStarted = performance.now();
  await imports.commit(grant.importId, {});
  const done = await wait((status) => status === "done" || status === "failed");
  const commitSeconds = (performance.now() - commitStarted) / 1000;
  clearInterval(sampler);
  if (done.counts?.accepted !== ROWS) throw new Error(`imported ${done.counts?.accepted ?? 0} of ${ROWS}: ${JSON.stringify(done.counts)}`);

  const importRowsPerSecond = Math.round(ROWS / commitSeconds);
  const rawRowsPerSecond = Math.round(ROWS / rawSeconds);
  const result = {
    ranAt: new Date().toISOString(),
    rows: ROWS,
    fileMegabytes: mb(bytes.length),
    detectSeconds: Number(detectSeconds.toFixed(2)),
    commit: { seconds: Number(commitSeconds.toFixed(1)), rowsPerSecond: importRowsPerSecond },
    rawBatchWrite: { seconds: Number(rawSeconds.toFixed(1)), rowsPerSecond: rawRowsPerSecond },
    ratio: Number((importRowsPerSecond / rawRowsPerSecond).toFixed(2)),
    peakRssGrowthMb: mb(peak - baseline),
    targets: { ratio: 0.5, peakRssGrowthMb: 128 },
  };
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/import.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await stack.stop();
}
