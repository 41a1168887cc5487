/**
 * npm run bench:chaos: load with faults on 127.0.0.1. The local stack with DynamoDB Local on disk, the route
 * handlers in bench/api-server.ts, the functions runner; CHAOS_USERS (50) simulated users for CHAOS_DURATION
 * (60) s mixing create (Idempotency-Key, client retries), list, edit, delete, summary, receipt upload and export.
 * At CHAOS_OUTAGE_AT (20) s DynamoDB Local is killed, and started again on the same port and -dbPath after
 * CHAOS_OUTAGE (10) s; a few receipt events are made to fail (some once, some on every attempt). Afterwards:
 * every acknowledged write exists exactly once, receipts settled, and lib/consistency's check. Writes
 * bench/results/chaos.json and chaos.md. Bounded: a hard timeout (CHAOS_HARD_TIMEOUT, duration + 180 s) ends it.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkConsistency } from "../lib/consistency/check-consistency";
import { createDocumentClient } from "../lib/dynamo-client";
import { jpegWithGps } from "../lib/receipts/test-files";
import { createS3Client } from "../lib/s3-client";
import { startDynamoDb } from "../local/dynamodb";
import type { Invocation } from "../local/functions-runner";
import { BUCKET_NAME, LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStack, TABLE_NAME } from "../local/stack";
import { createTestUser } from "../local/test-users";
import type { RunningService } from "../local/types";
import { createClient, type Outage } from "./chaos-client";
import { chaosMarkdown, summarise } from "./chaos-report";
import { runUser, type SimulatedUser } from "./chaos-users";
import { verifyWrites } from "./chaos-verify";
import { startPlainServer } from "./plain-server";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const USERS = setting("CHAOS_USERS", 50);
const DURATION_S = setting("CHAOS_DURATION", 60);
const OUTAGE_AT_S = setting("CHAOS_OUTAGE_AT", 20);
const OUTAGE_S = setting("CHAOS_OUTAGE", 10);
const HARD_TIMEOUT_S = setting("CHAOS_HARD_TIMEOUT", DURATION_S + 180);
/** Receipt events that fail on every attempt (-> on-failure -> failed) and on the first only (-> retried -> ready). */
const FAIL_ALWAYS = setting("CHAOS_RECEIPT_FAIL_ALWAYS", 3);
const FAIL_ONCE = setting("CHAOS_RECEIPT_FAIL_ONCE", 3);
/** Lambda waits about 1 and 2 minutes before retrying an event; scaled down, still longer than the outage together. */
const RETRY_DELAYS_MS = [5_000, 10_000];
/** Far above what 50 users do in a minute here (~2 writes/s each), so the figures are about the outage, not 429s. */
const WRITE_LIMIT = "100000";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Chooses the receipt events to fail: every 7th event by arrival, the first FAIL_ALWAYS always, the next FAIL_ONCE once. */
function receiptFaults() {
  const plan = new Map<string, "always" | "once">();
  let seen = 0;
  const inject = ({ functionName, subject, attempt }: { functionName: string; subject: string; attempt: number }) => {
    if (functionName !== "receipt") return undefined;
    if (attempt === 1 && !plan.has(subject)) {
      seen++;
      const chosen = [...plan.values()];
      if (seen % 7 === 3 && chosen.filter((p) => p === "always").length < FAIL_ALWAYS) plan.set(subject, "always");
      else if (seen % 7 === 5 && chosen.filter((p) => p === "once").length < FAIL_ONCE) plan.set(subject, "once");
    }
    const fault = plan.get(subject);
    return fault === "always" || (fault === "once" && attempt === 1) ? `injected fault (${fault})` : undefined;
  };
  return { plan, inject };
}

async function main() {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), "ledgerline-chaos-"));
  const faults = receiptFaults();
  const invocations: Invocation[] = [];
  const stack = await startLocalStack({
    persistDir: dir,
    appOrigins: ["http://127.0.0.1"],
    functions: {
      retryDelaysMs: RETRY_DELAYS_MS,
      injectFailure: faults.inject,
      onInvocation: (invocation) => invocations.push(invocation),
      log: (line) => (/ ok/.test(line) ? undefined : console.log(line)),
    },
  });
  let restarted: RunningService | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, ...stack.env, LEDGERLINE_WRITE_LIMIT: WRITE_LIMIT, NODE_ENV: "production" };
  const server = await startPlainServer(env, { quiet: true });
  try {
    const users: SimulatedUser[] = [];
    for (let i = 0; i < USERS; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, USERS - i) }, () => createTestUser(env)));
      batch.forEach((u, j) => users.push({ index: i + j, userId: u.userId, token: u.accessToken, expenses: [], unacknowledged: [], acknowledged: [], created: 0 }));
    }
    const photo = await jpegWithGps(1200, 900);
    const outage: Outage = {};
    const client = createClient(server.base, outage);
    console.log(`${USERS} users for ${DURATION_S} s; DynamoDB Local (${stack.dynamodb.endpoint}, on disk) stops at ${OUTAGE_AT_S} s for ${OUTAGE_S} s`);

    const loadStarted = Date.now();
    const until = loadStarted + DURATION_S * 1000;
    const chaos = (async () => {
      await sleep(OUTAGE_AT_S * 1000);
      outage.startedAt = Date.now();
      await stack.dynamodb.stop();
      console.log(`  ${((Date.now() - loadStarted) / 1000).toFixed(1)} s: DynamoDB Local killed`);
      await sleep(Math.max(0, outage.startedAt + OUTAGE_S * 1000 - Date.now()));
      restarted = await startDynamoDb({ port: Number(new URL(stack.dynamodb.endpoint).port), dbPath: join(dir, "dynamodb") });
      outage.endedAt = Date.now();
      console.log(`  ${((Date.now() - loadStarted) / 1000).toFixed(1)} s: DynamoDB Local answering again (${((outage.endedAt - outage.startedAt) / 1000).toFixed(1)} s without it)`);
    })();
    await Promise.all([chaos, ...users.map((user) => runUser(client, user, until, photo))]);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    console.log(`load over after ${loadSeconds.toFixed(1)} s; waiting for the functions to settle`);
    await withDeadline(stack.functions?.idle() ?? Promise.resolve(), 90_000, "the functions runner");

    const db = createDocumentClient({ endpoint: stack.dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const s3 = createS3Client(stack.env, { endpoint: stack.s3.endpoint });
    const writes = await verifyWrites(db, TABLE_NAME, users);
    const consistency = await checkConsistency({ client: db, tableName: TABLE_NAME, s3, bucket: BUCKET_NAME });
    db.destroy();

    const result = summarise({
      settings: { users: USERS, durationSeconds: DURATION_S, outageAtSeconds: OUTAGE_AT_S, outageSeconds: OUTAGE_S, retryDelaysMs: RETRY_DELAYS_MS, writeLimitPerMinute: Number(WRITE_LIMIT) },
      outage: { startedAtSecond: ((outage.startedAt ?? 0) - loadStarted) / 1000, seconds: ((outage.endedAt ?? 0) - (outage.startedAt ?? 0)) / 1000 },
      attempts: client.attempts,
      invocations,
      faults: faults.plan,
      writes,
      consistency,
      serverErrors: server.stderr(),
      totalSeconds: (Date.now() - started) / 1000,
    });
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/chaos.json", `${JSON.stringify(result, null, 2)}\n`);
    const md = chaosMarkdown(result);
    await writeFile("bench/results/chaos.md", md);
    console.log(`\n${md}`);
  } finally {
    server.stop();
    await stack.stop();
    await restarted?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const hardTimeout = setTimeout(() => {
  console.error(`bench:chaos: hard timeout of ${HARD_TIMEOUT_S} s reached; stopping`);
  process.exit(2);
}, HARD_TIMEOUT_S * 1000);

main().then(
  () => {
    clearTimeout(hardTimeout);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
