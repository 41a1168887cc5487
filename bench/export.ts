/**
 * Export benchmark (npm run bench; results in bench/results/data.json and data.md). Seeds one user with
 * BENCH_EXPORT_ROWS expenses (default 1,000,000) straight into DynamoDB Local, then in one run measures the
 * floor — a raw paged Query over the same rows, doing nothing with them — and the export through its real
 * HTTP path (the export function behind the local Function URL, streaming): rows/s, time to first byte, and
 * the peak RSS growth of the process that runs the function. The stream-to-object lag of the analytics feed
 * is read from bench/results/analytics.json when that benchmark ran first. Targets (issue 9): export >= 0.8x
 * the raw Query rows/s, peak RSS growth <= 64 MB, first byte <= 300 ms.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "../lib/dynamo-client";
import { seedExpenses } from "../lib/expenses/seed-expenses";
import { startLocalStack, TABLE_NAME } from "../local/stack";
import { createTestUser } from "../local/test-users";
import { expenseInputs } from "./expense-data";

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const SEED_CHUNK = 20_000;
const TARGETS = { ratio: 0.8, rssGrowthMb: 64, firstByteMs: 300 };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// No stream subscribers: the analytics function rebuilding every seeded month would compete with what is measured.
const stack = await startLocalStack({ appOrigins: ["http://localhost:3000"], functions: { log: () => undefined, streamSubscriptions: [] } });
try {
  const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
  const user = await createTestUser(stack.env);
  const seedStarted = performance.now();
  for (let offset = 0; offset < ROWS; offset += SEED_CHUNK) {
    await seedExpenses({ client, tableName: TABLE_NAME }, user.userId, expenseInputs(offset, Math.min(SEED_CHUNK, ROWS - offset)));
    process.stdout.write(`\rseeded ${Math.min(ROWS, offset + SEED_CHUNK).toLocaleString("en")} of ${ROWS.toLocaleString("en")} expenses`);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log(` in ${seedSeconds.toFixed(0)} s`);

  /** The floor: the same Query the export runs (LSI byDate, newest first, consistent), rows counted and dropped. */
  async function rawQuery(): Promise<{ rows: number; seconds: number }> {
    const started = performance.now();
    let rows = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          IndexName: "byDate",
          KeyConditionExpression: "userId = :pk AND dateKey BETWEEN :low AND :high",
          ExpressionAttributeValues: { ":pk": user.userId, ":low": "0000-01-01", ":high": "9999-12-31#~" },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      rows += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { rows, seconds: (performance.now() - started) / 1000 };
  }

  async function exportOnce() {
    const url = (JSON.parse(stack.env.SST_RESOURCE_Export ?? "{}") as { url: string }).url;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${user.accessToken}` } });
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    let firstByteMs: number | undefined;
    let bytes = 0;
    let lines = 0;
    const reader = res.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const chunk = next.value;
      firstByteMs ??= performance.now() - started;
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 0x0a) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rows: lines - 1, bytes, seconds, firstByteMs: Math.round(firstByteMs ?? Number.NaN), rssGrowthMb: mb(peak - baseline) };
  }

  await rawQuery();
  const raw = await rawQuery();
  const exported = await exportOnce();
  if (exported.rows !== ROWS || raw.rows !== ROWS) throw new Error(`row counts differ: seeded ${ROWS}, raw ${raw.rows}, exported ${exported.rows}`);
  const rawRowsPerSecond = Math.round(raw.rows / raw.seconds);
  const exportRowsPerSecond = Math.round(exported.rows / exported.seconds);
  const ratio = Number((exportRowsPerSecond / rawRowsPerSecond).toFixed(2));
  const earlier = (name: string): unknown => (existsSync(`bench/results/${name}.json`) ? JSON.parse(readFileSync(`bench/results/${name}.json`, "utf8")) : null);
  const analytics = earlier("analytics");
  const importFigures = earlier("import");
  const result = {
    ranAt: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import("node:os")).cpus().length },
    rows: ROWS,
    seedSeconds: Math.round(seedSeconds),
    rawQuery: { seconds: Number(raw.seconds.toFixed(2)), rowsPerSecond: rawRowsPerSecond },
    export: { seconds: Number(exported.seconds.toFixed(2)), rowsPerSecond: exportRowsPerSecond, megabytes: mb(exported.bytes), firstByteMs: exported.firstByteMs, rssGrowthMb: exported.rssGrowthMb },
    ratio,
    targets: TARGETS,
    met: { ratio: ratio >= TARGETS.ratio, rss: exported.rssGrowthMb <= TARGETS.rssGrowthMb, firstByte: exported.firstByteMs <= TARGETS.firstByteMs },
    analyticsLag: analytics,
    import: importFigures,
  };
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const md = [
    `# Export benchmark (${result.ranAt})`,
    "",
    `Node ${result.machine.node}, ${result.machine.cpus} CPUs; one user with ${ROWS.toLocaleString("en")} expenses in DynamoDB Local (seeded in ${result.seedSeconds} s).`,
    "",
    "| measure | figure | target |",
    "|---|---|---|",
    `| raw paged Query (the floor) | ${rawRowsPerSecond.toLocaleString("en")} rows/s (${result.rawQuery.seconds} s) | |`,
    `| export through the Function URL (streamed CSV, ${result.export.megabytes} MB) | ${exportRowsPerSecond.toLocaleString("en")} rows/s (${result.export.seconds} s) | |`,
    `| export / raw Query | ${ratio} | >= ${TARGETS.ratio}: ${verdict(result.met.ratio)} |`,
    `| time to first byte | ${result.export.firstByteMs} ms | <= ${TARGETS.firstByteMs} ms: ${verdict(result.met.firstByte)} |`,
    `| peak RSS growth of the function's process | ${result.export.rssGrowthMb} MB | <= ${TARGETS.rssGrowthMb} MB: ${verdict(result.met.rss)} |`,
    "",
  ].join("\n");
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/data.json", `${JSON.stringify(result, null, 2)}\n`);
  await writeFile("bench/results/data.md", md);
  console.log(md);
} finally {
  await stack.stop();
}
