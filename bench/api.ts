/**
 * API benchmark (npm run bench; not part of npm test). Starts the local stack in memory, one signed-in user,
 * and bench/api-server.ts in a child process; seeds that user with 1k, 10k and 100k expenses (BatchWriteItem)
 * and measures with autocannon on 127.0.0.1: the first list page, a list filtered by category and month,
 * and the summary of a year — p50/p95 per size — then POST /api/expenses throughput next to raw PutItem
 * throughput on the same DynamoDB Local. Writes bench/results/api.json and bench/results/api.md.
 * Every load loop is bounded in time and targets only loopback.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import autocannon from "autocannon";
import { ulid } from "ulid";
import { createDocumentClient } from "../lib/dynamo-client";
import { seedExpenses } from "../lib/expenses/seed-expenses";
import { NewExpenseSchema } from "../lib/schemas";
import { startLocalStack, TABLE_NAME } from "../local/stack";
import { createTestUser } from "../local/test-users";
import { expenseInputs } from "./expense-data";
import { markdownReport, type ApiBenchResult, type EndpointFigures } from "./report";

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 12);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);
/** Throughput runs use enough connections to saturate 2 cores; latency runs few, so p95 is service time, not queueing. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 2);
/** Latency rounds per endpoint and size, interleaved across endpoints so a burst of outside load hits all alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);

const ENDPOINTS = {
  "list first page": "/api/expenses",
  "list by category and month": "/api/expenses?category=Food&from=2025-03-01&to=2025-03-31",
  "summary of a year": "/api/summary?from=2025-01-01&to=2025-12-31",
} as const;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs autocannon and keeps every response time, so p95 is exact (autocannon reports p90/p97.5). */
function load(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, times })));
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/** p50/p95/p99 of every endpoint at the current data size: ROUNDS interleaved rounds, samples pooled. */
async function measureAll(base: string, token: string): Promise<Record<string, EndpointFigures>> {
  const headers = { authorization: `Bearer ${token}` };
  const samples = new Map<string, { times: number[]; requests: number; non2xx: number; items: number }>();
  const roundSeconds = Math.max(1, Math.round(DURATION_SECONDS / ROUNDS));
  for (const path of Object.values(ENDPOINTS)) await load({ url: base + path, headers, connections: LATENCY_CONNECTIONS, duration: WARMUP_SECONDS });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, path] of Object.entries(ENDPOINTS)) {
      const { result, times } = await load({ url: base + path, headers, connections: LATENCY_CONNECTIONS, duration: roundSeconds });
      const entry = samples.get(name) ?? { times: [], requests: 0, non2xx: 0, items: await itemsReturned(base + path, token) };
      entry.times.push(...times);
      entry.requests += result.requests.total;
      entry.non2xx += result.non2xx;
      samples.set(name, entry);
    }
  }
  const figures: Record<string, EndpointFigures> = {};
  for (const [name, { times, requests, non2xx, items }] of samples) {
    const sorted = times.sort((a, b) => a - b);
    figures[name] = {
      requests,
      requestsPerSecond: Math.round(requests / (roundSeconds * ROUNDS)),
      non2xx,
      itemsReturned: items,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
    };
  }
  return figures;
}

/** How many expenses (list) or rows (summary) one response carries: the work differs with it. */
async function itemsReturned(url: string, token: string): Promise<number> {
  const body = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as { items?: unknown[]; totals?: unknown[] };
  return (body.items ?? body.totals ?? []).length;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/api-server.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bench server did not start within 30 s")), 30_000);
    lines.on("line", (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { port, child };
}

/** Throughput of CONNECTIONS concurrent loops of `op` for DURATION_SECONDS (after a warm-up). */
async function perSecond(op: () => Promise<unknown>): Promise<number> {
  const run = async (seconds: number) => {
    let done = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          await op();
          done++;
        }
      }),
    );
    return done / seconds;
  };
  await run(WARMUP_SECONDS);
  return Math.round(await run(DURATION_SECONDS));
}

/**
 * The same DynamoDB Local driven directly: single PutItems (the target's baseline), and the bare
 * TransactWriteItems every POST needs (expense Put + the month's aggregate ADD) as the ceiling for POST.
 */
async function rawWrites(endpoint: string, userId: string): Promise<{ putItem: number; transaction: number }> {
  const client = createDocumentClient({ endpoint });
  const input = NewExpenseSchema.parse({ date: "2025-03-14", amount: "12.50", currency: "EUR", category: "Food", description: "Raw" });
  const item = () => {
    const id = ulid();
    return { userId, sk: `EXP#${id}`, id, dateKey: `2025-03-14#${id}`, catKey: `${userId}#Food`, ...input };
  };
  const putItem = await perSecond(() => client.send(new PutCommand({ TableName: TABLE_NAME, Item: item() })));
  const transaction = await perSecond(() =>
    client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE_NAME, Item: item(), ConditionExpression: "attribute_not_exists(sk)" } },
          {
            Update: {
              TableName: TABLE_NAME,
              Key: { userId, sk: "AGG#2025-03#Food" },
              UpdateExpression: "ADD #t :t, #n :n",
              ExpressionAttributeNames: { "#t": "t#EUR", "#n": "n#EUR" },
              ExpressionAttributeValues: { ":t": input.amountMinor, ":n": 1 },
            },
          },
        ],
      }),
    ),
  );
  client.destroy();
  return { putItem, transaction };
}

async function main() {
  const started = Date.now();
  const stack = await startLocalStack({ appOrigins: ["http://127.0.0.1"] });
  // Writes are rate limited per user in production; the benchmark measures throughput, so the limit is lifted
  // (the limiter still takes its leases from the table).
  const env: NodeJS.ProcessEnv = { ...process.env, ...stack.env, LEDGERLINE_WRITE_LIMIT: "1000000000", NODE_ENV: "production" };
  Object.assign(process.env, env);
  const server = await startServer(env);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const user = await createTestUser(env);
    const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
    const sizes: ApiBenchResult["sizes"] = [];
    let seeded = 0;
    for (const size of SIZES) {
      const t0 = Date.now();
      await seedExpenses({ client, tableName: TABLE_NAME }, user.userId, expenseInputs(seeded, size - seeded));
      console.log(`seeded ${size} expenses (+${size - seeded} in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      seeded = size;
      // The first measurements would otherwise pay for JIT compilation in the server and the JVM.
      if (sizes.length === 0) for (const path of Object.values(ENDPOINTS)) await load({ url: base + path, headers: { authorization: `Bearer ${user.accessToken}` }, connections: CONNECTIONS, duration: 5 });
      const endpoints = await measureAll(base, user.accessToken);
      for (const [name, figures] of Object.entries(endpoints)) console.log(`  ${size} ${name}: ${JSON.stringify(figures)}`);
      sizes.push({ expenses: size, endpoints });
    }
    client.destroy();

    const writer = await createTestUser(env);
    const body = JSON.stringify({ date: "2025-03-14", amount: "12.50", currency: "EUR", category: "Food", description: "Bench" });
    const postHeaders = { authorization: `Bearer ${writer.accessToken}`, "content-type": "application/json" };
    const postOptions = { url: `${base}/api/expenses`, method: "POST" as const, headers: postHeaders, body, connections: CONNECTIONS };
    await load({ ...postOptions, duration: WARMUP_SECONDS });
    const { result: posts } = await load({ ...postOptions, duration: DURATION_SECONDS });
    const postPerSecond = Math.round((posts.requests.total - posts.non2xx) / DURATION_SECONDS);
    const raw = await rawWrites(stack.dynamodb.endpoint, (await createTestUser(env)).userId);
    console.log(`POST ${postPerSecond}/s (non-2xx ${posts.non2xx}), raw PutItem ${raw.putItem}/s, raw transaction ${raw.transaction}/s`);

    const result: ApiBenchResult = {
      ranAt: new Date().toISOString(),
      machine: { node: process.version, cpus: (await import("node:os")).cpus().length },
      settings: { durationSeconds: DURATION_SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, latencyConnections: LATENCY_CONNECTIONS, rounds: ROUNDS },
      sizes,
      writes: {
        postPerSecond,
        postNon2xx: posts.non2xx,
        rawPutItemPerSecond: raw.putItem,
        rawTransactionPerSecond: raw.transaction,
        ratio: Number((postPerSecond / raw.putItem).toFixed(2)),
      },
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/api.json", `${JSON.stringify(result, null, 2)}\n`);
    const report = markdownReport(result);
    await writeFile("bench/results/api.md", report);
    console.log(`\n${report}`);
  } finally {
    server.child.kill("SIGTERM");
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
