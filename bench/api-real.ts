/**
 * API benchmark through the real server (npm run bench; not part of npm test): the production build
 * (`next build` only when the sources changed) served by `next start` on a free loopback port against the
 * in-memory local stack, measured with autocannon next to the bare DynamoDB calls of the same requests:
 * - one user seeded with 1k, 10k and 100k expenses: p50/p95 of the list's first page, a category x month
 *   page, a year's summary and GET /api/expenses/{id}, interleaved with the raw Query and GetItem behind them;
 * - POST /api/expenses throughput against the bare TransactWriteItems (expense Put + aggregate ADD), in
 *   alternating rounds, with the CPU each process spent per request;
 * - many tenants: 1,000 users x 1,000 expenses in the same table, a few of them signed in: their list and
 *   summary p95 against the single user's 1k figures.
 * Writes bench/results/api-real.json and .md. Every load loop is bounded in time and targets only loopback.
 * BENCH_DURATION, BENCH_WARMUP, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_LATENCY_CONNECTIONS, BENCH_SIZES,
 * BENCH_WRITE_ROUNDS, BENCH_TENANTS (0 skips them) and BENCH_TENANT_USERS shorten a run for a quick check.
 */
import { cpus, loadavg } from "node:os";
import { z } from "zod";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "../lib/dynamo-client";
import { startLocalStack, TABLE_NAME } from "../local/stack";
import { createTestUser, type TestUser } from "../local/test-users";
import { ENDPOINTS, measureEndpoints } from "./api-endpoints";
import { CONNECTIONS, DURATION_SECONDS, LATENCY, LATENCY_CONNECTIONS, ROUNDS, SIZES, WARMUP_SECONDS } from "./bench-settings";
import { httpProbe, load, loops, measureLatency, type LatencyFigures, type Probe } from "./load";
import { ensureNextBuild, startNextServer } from "./next-server";
import { startPlainServer, type PlainServer } from "./plain-server";
import { cpuDuring, findPid, type CpuSplit } from "./process-cpu";
import { rawReadProbes } from "./raw-reads";
import { rawWriteOps } from "./raw-writes";
import { seededSizes } from "./seeded-sizes";
import { GET, LIST, realMarkdownReport, SUMMARY, WRITE_LANES, type RealApiBenchResult, type WriteLaneName } from "./report-real";
import { fillTenants } from "./tenants";
import { writeResults } from "./write-results";

/** Short rounds of each kind of write in turn: a burst of outside load on the shared cores hits all three alike. */
const WRITE_ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 4);
const WRITE_ROUND_SECONDS = Math.max(1, Math.round((2 * DURATION_SECONDS) / WRITE_ROUNDS));
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const TENANT_USERS = Number(process.env.BENCH_TENANT_USERS ?? 3);
/** Far above what the bench sends: it measures latency and throughput, not 429s (the limiters still run). */
const LIFTED_LIMIT = "1000000";

const FirstPageSchema = z.object({ items: z.array(z.object({ id: z.string() })).min(1) });

async function firstExpenseId(base: string, token: string): Promise<string> {
  const response = await fetch(`${base}/api/expenses?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const [first] = FirstPageSchema.parse(await response.json()).items;
  if (!first) throw new Error("the user has no expense");
  return first.id;
}

const perRequestMs = (split: CpuSplit, requests: number): CpuSplit =>
  Object.fromEntries(Object.entries(split).map(([name, seconds]) => [name, Number(((seconds * 1000) / Math.max(1, requests)).toFixed(3))]));

function sumSplits(splits: CpuSplit[]): CpuSplit {
  const total: CpuSplit = {};
  for (const split of splits) for (const [name, value] of Object.entries(split)) total[name] = (total[name] ?? 0) + value;
  return total;
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  await ensureNextBuild();
  const stack = await startLocalStack({ appOrigins: ["http://127.0.0.1"], functions: false, accessTokenValiditySeconds: 4 * 3600 });
  const env: NodeJS.ProcessEnv = { ...process.env, ...stack.env, LEDGERLINE_WRITE_LIMIT: LIFTED_LIMIT, LEDGERLINE_READ_LIMIT: LIFTED_LIMIT, NODE_ENV: "production" };
  Object.assign(process.env, env);
  const server = await startNextServer(env);
  const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
  const jvm = findPid(["DynamoDBLocal.jar", new URL(stack.dynamodb.endpoint).port]);
  const pids: Record<string, number> = { server: server.pid, ...(jvm === undefined ? {} : { dynamodb: jvm }) };
  const { base } = server;
  try {
    const user = await createTestUser(env);
    const sizes: RealApiBenchResult["sizes"] = [];
    for await (const size of seededSizes(client, user.userId, SIZES)) {
      const id = await firstExpenseId(base, user.accessToken);
      const endpoints = { ...ENDPOINTS, [GET]: `/api/expenses/${id}` };
      // The first measurements would otherwise pay for JIT compilation in the server and the JVM.
      if (sizes.length === 0) for (const path of Object.values(endpoints)) await load({ url: base + path, headers: { authorization: `Bearer ${user.accessToken}` }, connections: CONNECTIONS, duration: 5 });
      const measured = await measureEndpoints(base, user.accessToken, endpoints, LATENCY, rawReadProbes(client, user.userId, id));
      const raw = Object.fromEntries(Object.entries(measured.latency).filter(([name]) => !(name in endpoints)));
      for (const [name, figures] of Object.entries({ ...measured.endpoints, ...raw })) console.log(`  ${size} ${name}: ${JSON.stringify(figures)}`);
      sizes.push({ expenses: size, endpoints: measured.endpoints, raw });
    }

    const plain = await startPlainServer(env);
    const writes = await measureWrites(base, plain, client, { ...pids, plain: plain.pid }, await createTestUser(env)).finally(() => plain.stop());
    const tenants = TENANTS > 0 ? await measureTenants(base, client, env) : undefined;

    const non2xx =
      sizes.reduce((sum, s) => sum + Object.values(s.endpoints).reduce((n, f) => n + f.non2xx, 0), 0) +
      writes.postNon2xx +
      Object.values(tenants?.endpoints ?? {}).reduce((n, f) => n + f.non2xx, 0);
    const result: RealApiBenchResult = {
      ranAt: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number((loadavg()[0] ?? 0).toFixed(2)) } },
      settings: { durationSeconds: DURATION_SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, latencyConnections: LATENCY_CONNECTIONS, rounds: ROUNDS, writeRounds: WRITE_ROUNDS, writeRoundSeconds: WRITE_ROUND_SECONDS },
      sizes,
      writes,
      ...(tenants ? { tenants } : {}),
      non2xx,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    await writeResults("api-real", result, realMarkdownReport(result));
    if (non2xx > 0) throw new Error(`the benchmark saw ${non2xx} non-2xx responses: its figures are not latencies of successful requests`);
  } finally {
    client.destroy();
    await server.stop();
    await stack.stop();
  }
}

type WriteLane = { run(): Promise<{ ok: number; non2xx: number }> };

/**
 * POST /api/expenses through next start, the same POST through the route handlers in plain node:http, and
 * the bare transaction, in turn WRITE_ROUNDS times, with the CPU each process spent.
 */
async function measureWrites(base: string, plain: PlainServer, client: DynamoDBDocumentClient, pids: Record<string, number>, writer: TestUser): Promise<RealApiBenchResult["writes"]> {
  const body = JSON.stringify({ date: "2025-03-14", amount: "12.50", currency: "EUR", category: "Food", description: "Bench" });
  const headers = { authorization: `Bearer ${writer.accessToken}`, "content-type": "application/json" };
  const post = (url: string, seconds: number) => load({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: seconds });
  const posting = (url: string): WriteLane => ({
    run: async () => {
      const { result } = await post(url, WRITE_ROUND_SECONDS);
      return { ok: result.requests.total - result.non2xx, non2xx: result.non2xx };
    },
  });
  const { transaction } = rawWriteOps(client, `raw-${writer.userId}`);
  const lanes: Record<WriteLaneName, WriteLane> = {
    post: posting(`${base}/api/expenses`),
    plainPost: posting(`${plain.base}/api/expenses`),
    transaction: { run: async () => ({ ok: (await loops(transaction, CONNECTIONS, WRITE_ROUND_SECONDS)).requests, non2xx: 0 }) },
  };
  let non2xx = (await post(`${base}/api/expenses`, WARMUP_SECONDS)).result.non2xx + (await post(`${plain.base}/api/expenses`, WARMUP_SECONDS)).result.non2xx;
  await loops(transaction, CONNECTIONS, WARMUP_SECONDS);
  const rounds: RealApiBenchResult["writes"]["rounds"] = [];
  const totals = { post: { ok: 0, cpu: [] as CpuSplit[] }, plainPost: { ok: 0, cpu: [] as CpuSplit[] }, transaction: { ok: 0, cpu: [] as CpuSplit[] } };
  for (let round = 0; round < WRITE_ROUNDS; round++) {
    const perSecond: Partial<Record<WriteLaneName, number>> = {};
    for (const name of WRITE_LANES) {
      const { value, cpuSeconds } = await cpuDuring(pids, () => lanes[name].run());
      non2xx += value.non2xx;
      totals[name].ok += value.ok;
      totals[name].cpu.push(cpuSeconds);
      perSecond[name] = Math.round(value.ok / WRITE_ROUND_SECONDS);
    }
    rounds.push({ post: perSecond.post ?? 0, plainPost: perSecond.plainPost ?? 0, transaction: perSecond.transaction ?? 0 });
    console.log(`writes round ${round + 1}: ${JSON.stringify(rounds[round])}`);
  }
  const rate = (name: WriteLaneName) => Math.round(totals[name].ok / (WRITE_ROUND_SECONDS * WRITE_ROUNDS));
  const cpuMs = (name: WriteLaneName) => perRequestMs(sumSplits(totals[name].cpu), totals[name].ok);
  return {
    rounds,
    postPerSecond: rate("post"),
    plainPostPerSecond: rate("plainPost"),
    rawTransactionPerSecond: rate("transaction"),
    ratio: Number((rate("post") / rate("transaction")).toFixed(2)),
    plainRatio: Number((rate("plainPost") / rate("transaction")).toFixed(2)),
    postNon2xx: non2xx,
    cpuMsPerRequest: { post: cpuMs("post"), plainPost: cpuMs("plainPost"), transaction: cpuMs("transaction") },
  };
}

/** TENANTS users x SIZES[0] expenses in the table, TENANT_USERS of them signed in and measured together. */
async function measureTenants(base: string, client: DynamoDBDocumentClient, env: NodeJS.ProcessEnv): Promise<NonNullable<RealApiBenchResult["tenants"]>> {
  const perUser = SIZES[0] ?? 1000;
  const users: TestUser[] = [];
  for (let i = 0; i < Math.min(TENANT_USERS, TENANTS); i++) users.push(await createTestUser(env));
  const fill = await fillTenants({ client, tableName: TABLE_NAME }, users.map((u) => u.userId), {
    partitions: TENANTS,
    perUser,
    parallel: 16,
    onProgress: (done) => console.log(`  tenants seeded: ${done}/${TENANTS}`),
  });
  console.log(`tenants: ${JSON.stringify(fill)}`);
  const endpoints = { [LIST]: ENDPOINTS[LIST] ?? "/api/expenses", [SUMMARY]: ENDPOINTS[SUMMARY] ?? "/api/summary" };
  const pooled: { endpoints: Record<string, LatencyFigures>; raw: Record<string, LatencyFigures> } = { endpoints: {}, raw: {} };
  // Probes of the same name pool their samples: each user's pages and raw calls interleave in one measurement.
  const probes: Probe[] = [];
  for (const user of users) {
    const id = await firstExpenseId(base, user.accessToken);
    probes.push(...Object.entries(endpoints).map(([name, path]) => httpProbe(name, base + path, { authorization: `Bearer ${user.accessToken}` })));
    probes.push(...rawReadProbes(client, user.userId, id));
  }
  const latency = await measureLatency(probes, LATENCY);
  for (const [name, figures] of Object.entries(latency)) (name in endpoints ? pooled.endpoints : pooled.raw)[name] = figures;
  console.log(`tenants: ${JSON.stringify(pooled)}`);
  return { fill, realUsers: users.length, baselineExpenses: perUser, ...pooled };
}

await main();
