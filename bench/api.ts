/**
 * API benchmark (npm run bench; not part of npm test). Starts the local stack in memory, one signed-in user,
 * and bench/api-server.ts in a child process; seeds that user with 1k, 10k and 100k expenses (BatchWriteItem)
 * and measures with autocannon on 127.0.0.1: the first list page, a list filtered by category and month,
 * and the summary of a year — p50/p95 per size — then POST /api/expenses throughput next to raw PutItem
 * throughput on the same DynamoDB Local. Writes bench/results/api.json and bench/results/api.md.
 * Every load loop is bounded in time and targets only loopback.
 */
import { createDocumentClient } from "../lib/dynamo-client";
import { startLocalStack } from "../local/stack";
import { createTestUser } from "../local/test-users";
import { ENDPOINTS, measureEndpoints } from "./api-endpoints";
import { CONNECTIONS, DURATION_SECONDS, LATENCY, LATENCY_CONNECTIONS, ROUNDS, SIZES, WARMUP_SECONDS } from "./bench-settings";
import { load } from "./load";
import { seededSizes } from "./seeded-sizes";
import { startPlainServer } from "./plain-server";
import { rawWrites } from "./raw-writes";
import { markdownReport, type ApiBenchResult } from "./report";
import { writeResults } from "./write-results";


async function main() {
  const started = Date.now();
  const stack = await startLocalStack({ appOrigins: ["http://127.0.0.1"] });
  // Writes (and reads) are rate limited per user in production; the benchmark measures latency and throughput,
  // so the limits are lifted (the limiter still takes its leases from the table).
  const env: NodeJS.ProcessEnv = { ...process.env, ...stack.env, LEDGERLINE_WRITE_LIMIT: "1000000000", LEDGERLINE_READ_LIMIT: "1000000000", NODE_ENV: "production" };
  Object.assign(process.env, env);
  const server = await startPlainServer(env);
  const { base } = server;
  try {
    const user = await createTestUser(env);
    const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
    const sizes: ApiBenchResult["sizes"] = [];
    for await (const size of seededSizes(client, user.userId, SIZES)) {
      // The first measurements would otherwise pay for JIT compilation in the server and the JVM.
      if (sizes.length === 0) for (const path of Object.values(ENDPOINTS)) await load({ url: base + path, headers: { authorization: `Bearer ${user.accessToken}` }, connections: CONNECTIONS, duration: 5 });
      const { endpoints } = await measureEndpoints(base, user.accessToken, ENDPOINTS, LATENCY);
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
    const raw = await rawWrites(stack.dynamodb.endpoint, (await createTestUser(env)).userId, { connections: CONNECTIONS, seconds: DURATION_SECONDS, warmupSeconds: WARMUP_SECONDS });
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
    await writeResults("api", result, markdownReport(result));
  } finally {
    server.stop();
    await stack.stop();
  }
}

// Awaited, so `npm run bench` runs the next benchmark only after this one has stopped its servers.
await main();
