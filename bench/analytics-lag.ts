/**
 * Analytics benchmark (npm run bench -- analytics): stream-to-object lag on the local stack — from the start of a
 * single expense edit (the repository's transaction) to the moment its user-month object in S3 shows the new
 * amount (DynamoDB Local's stream, the stream poller, the functions runner, functions/analytics.ts rebuilding the
 * month from the table). Each edit waits a random 0–300 ms first, so edits land anywhere in the poller's cycle.
 *
 * The moment an object is stored comes from the local S3's bucket notification (StackOptions.onObjectCreated, sent
 * once s3rver has stored it), then one GET checks that it shows the edit. Not by polling GETs: s3rver rewrites
 * an object in place, and GETs racing the function's PutObject see torn files and aborted responses (S3 never
 * does), which would measure s3rver rather than the pipeline.
 * Writes bench/results/analytics.json and analytics.md.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { GetObjectCommand, NoSuchKey } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { ulid } from "ulid";
import { userMonthKey } from "../lib/analytics/analytics-keys";
import { parseNdjson } from "../lib/analytics/analytics-row";
import { createDocumentClient } from "../lib/dynamo-client";
import { decodeEventKey } from "../lib/events/s3-object-created";
import { createExpenseRepository } from "../lib/expenses/repository";
import { seedExpenses } from "../lib/expenses/seed-expenses";
import { NewExpenseSchema } from "../lib/schemas";
import { createS3Client } from "../lib/s3-client";
import { BUCKET_NAME, startLocalStack, TABLE_NAME } from "../local/stack";

const EDITS = Number(process.env.BENCH_ANALYTICS_EDITS ?? 40);
const WARMUP = 3;
/** Expenses in the edited user-month (a busy month: the rebuild reads all of them). */
const MONTH_SIZE = 60;
const MONTH = "2025-03";
/** The poller's pause between polls of an idle stream (local/dynamodb-stream-poller.ts default). */
const POLL_INTERVAL_MS = 250;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (ms: number) => Math.round(ms);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const handlerMs: number[] = [];
/** Waiters for the next time an object is stored, by key. */
const storedWaiters = new Map<string, ((at: number) => void)[]>();
const onObjectCreated = (event: S3Event) => {
  const at = performance.now();
  for (const record of event.Records) {
    const key = decodeEventKey(record.s3.object.key);
    for (const wake of storedWaiters.get(key) ?? []) wake(at);
    storedWaiters.delete(key);
  }
};
const nextStore = (key: string, timeoutMs: number) =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${key} was not written within ${timeoutMs} ms`)), timeoutMs);
    storedWaiters.set(key, [...(storedWaiters.get(key) ?? []), (at) => (clearTimeout(timer), resolve(at))]);
  });

const stack = await startLocalStack({
  appOrigins: ["http://localhost:3000"],
  functions: { log: () => undefined, onInvocation: (i) => (i.functionName === "analytics" ? handlerMs.push(i.durationMs) : undefined) },
  onObjectCreated,
});
try {
  const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
  const s3 = createS3Client(stack.env, { endpoint: stack.s3.endpoint });
  const userId = "bench-analytics-user";
  const key = userMonthKey({ userId, month: MONTH });
  const inputs = Array.from({ length: MONTH_SIZE }, (_, i) => {
    const now = new Date(`${MONTH}-${String(1 + (i % 28)).padStart(2, "0")}T09:00:00Z`);
    const input = NewExpenseSchema.parse({ date: now.toISOString().slice(0, 10), amount: `${10 + i}.00`, currency: "EUR", category: i % 2 ? "Food" : "Travel", description: "bench" });
    return { input, id: ulid(now.getTime()), now };
  });
  await seedExpenses({ client, tableName: TABLE_NAME }, userId, inputs);
  const expenses = createExpenseRepository({ client, tableName: TABLE_NAME, cursorSecret: "bench" })(userId);
  const versions = new Map(inputs.map(({ id }) => [id, 1]));

  const rowsInObject = async () => {
    try {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET_NAME, Key: key }));
      return parseNdjson((await Body?.transformToString()) ?? "");
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof SyntaxError) return [];
      throw error;
    }
  };

  // The seed's own stream batches (and the function's cold start) are done once the month shows every expense.
  for (const deadline = Date.now() + 30_000; (await rowsInObject()).length !== MONTH_SIZE; await sleep(200)) {
    if (Date.now() > deadline) throw new Error("the seeded month never reached the analytics feed");
  }

  const lag: number[] = [];
  const writeMs: number[] = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const { id } = inputs[i % inputs.length] ?? { id: "" };
    const amount = 1000 + i + 0.25;
    await sleep(Math.random() * 300);
    const started = performance.now();
    const stored = nextStore(key, 30_000);
    const updated = await expenses.update(id, { amount: amount.toFixed(2) }, versions.get(id) ?? 1);
    const written = performance.now();
    versions.set(id, updated.version);
    const storedAt = await stored;
    const shown = (await rowsInObject()).find((row) => row.id === id)?.amount;
    if (shown !== amount) throw new Error(`edit ${i}: the object was rewritten but shows ${shown}, not ${amount}`);
    if (i >= WARMUP) {
      lag.push(storedAt - started);
      writeMs.push(written - started);
    }
  }

  const warmHandlers = handlerMs.slice(1);
  const result = {
    ranAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length },
    settings: { edits: EDITS, warmup: WARMUP, monthSize: MONTH_SIZE, pollIntervalMs: POLL_INTERVAL_MS },
    lagMs: { p50: round(percentile(lag, 50)), p95: round(percentile(lag, 95)), min: round(Math.min(...lag)), max: round(Math.max(...lag)) },
    writeMs: { p50: round(percentile(writeMs, 50)), p95: round(percentile(writeMs, 95)) },
    handlerMs: { p50: round(percentile(warmHandlers, 50)), p95: round(percentile(warmHandlers, 95)), firstInvocation: handlerMs[0] ?? null },
    invocations: handlerMs.length,
  };
  const md = [
    `# Analytics benchmark (${result.ranAt})`,
    "",
    `Node ${result.machine.node}, ${result.machine.cpus} CPUs, local stack on 127.0.0.1. ${EDITS} single amount edits (after ${WARMUP} warm-ups) ` +
      `of expenses in a user-month of ${MONTH_SIZE} expenses, one at a time, each after a random 0–300 ms pause; the poller reads the ` +
      `stream every ${POLL_INTERVAL_MS} ms when it is idle.`,
    "",
    "| measure | p50 ms | p95 ms |",
    "|---|---|---|",
    `| stream-to-object lag (edit starts -> the user-month object in S3 shows the new amount) | ${result.lagMs.p50} | ${result.lagMs.p95} |`,
    `| the edit itself (repository transaction: expense + aggregate) | ${result.writeMs.p50} | ${result.writeMs.p95} |`,
    `| the analytics function per batch (Query of the month + PutObject), warm | ${result.handlerMs.p50} | ${result.handlerMs.p95} |`,
    "",
    `Lag min ${result.lagMs.min} ms, max ${result.lagMs.max} ms; the function's first invocation (new connections, the manifest check) ${result.handlerMs.firstInvocation} ms. ` +
      `The lag is about the edit, plus half a poll interval on average (a full one at worst), plus the function. On AWS add the ` +
      `event source mapping's batching window (5 s in infra/analytics.ts), which this local poller does not emulate.`,
    "",
  ].join("\n");
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/analytics.json", `${JSON.stringify(result, null, 2)}\n`);
  await writeFile("bench/results/analytics.md", md);
  console.log(md);
} finally {
  await stack.stop();
}
