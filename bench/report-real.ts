import type { LatencyFigures } from "./load";
import { RAW_CATEGORY_QUERY, RAW_GET, RAW_QUERY } from "./raw-reads";
import type { CpuSplit } from "./process-cpu";
import { P95_GROWTH_TARGET, POST_RATIO_TARGET, type EndpointFigures } from "./report";
import type { TenantFill } from "./tenants";

/** The writes measured in turn: POST through next start, POST through plain node:http, the bare transaction. */
export const WRITE_LANES = ["post", "plainPost", "transaction"] as const;
export type WriteLaneName = (typeof WRITE_LANES)[number];

export type RealApiBenchResult = {
  ranAt: string;
  machine: { node: string; cpus: number; loadAverage: { before: number; after: number } };
  settings: { durationSeconds: number; warmupSeconds: number; connections: number; latencyConnections: number; rounds: number; writeRounds: number; writeRoundSeconds: number };
  sizes: { expenses: number; endpoints: Record<string, EndpointFigures>; raw: Record<string, LatencyFigures> }[];
  writes: {
    rounds: Record<WriteLaneName, number>[];
    postPerSecond: number;
    plainPostPerSecond: number;
    rawTransactionPerSecond: number;
    ratio: number;
    /** The same ratio for the route handlers in plain node:http: what Next's own layer costs. */
    plainRatio: number;
    postNon2xx: number;
    /** CPU milliseconds per request, per process (server = next start, plain = bench/api-server.ts, dynamodb = the JVM, bench = autocannon or the SDK loops). */
    cpuMsPerRequest: Record<WriteLaneName, CpuSplit>;
  };
  tenants?: {
    fill: TenantFill;
    realUsers: number;
    baselineExpenses: number;
    endpoints: Record<string, LatencyFigures>;
    raw: Record<string, LatencyFigures>;
  };
  non2xx: number;
  totalSeconds: number;
};

/** Targets of the Hardening issue ("Benchmark: the real path"). */
export const LIST_OVER_QUERY_TARGET = 3;
export const TENANT_P95_TARGET = 1.2;
export const LIST = "list first page";
export const SUMMARY = "summary of a year";
export const CATEGORY_PAGE = "list by category and month";
export const GET = "get by id";

const ms = (value: number | undefined) => (value === undefined ? "-" : value.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? Number.NaN : a / b);
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
const cell = (f: LatencyFigures | undefined, items?: number) =>
  f ? `${ms(f.p50Ms)} / ${ms(f.p95Ms)} (${f.requestsPerSecond}/s${items === undefined ? "" : `, ${items}`})${f.non2xx ? ` ${f.non2xx} non-2xx` : ""}` : "-";
const cpu = (split: CpuSplit) => Object.entries(split).map(([name, value]) => `${name} ${value.toFixed(2)}`).join(", ");

export function realMarkdownReport(result: RealApiBenchResult): string {
  const { settings, sizes, writes, tenants } = result;
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const names = Object.keys(first?.endpoints ?? {});
  const rawNames = Object.keys(first?.raw ?? {});
  const lines = [
    `# API benchmark, the real path (${result.ranAt})`,
    "",
    "`npm run bench -- api-real`: the production build (`next build` if the sources changed, then `next start`) on 127.0.0.1 against",
    `the in-memory local stack (DynamoDB Local; the functions runner off, as the analytics Lambda does not share the app's CPU on AWS),`,
    `Node ${result.machine.node}, ${result.machine.cpus} CPUs (load average ${result.machine.loadAverage.before} before, ${result.machine.loadAverage.after} after).`,
    `Latency: ${settings.latencyConnections} connections, ${settings.rounds} interleaved rounds totalling ${settings.durationSeconds} s per endpoint after a`,
    `${settings.warmupSeconds} s warm-up, the raw DynamoDB calls interleaved with the endpoints at the same concurrency; writes: ${settings.connections}`,
    `connections, ${settings.writeRounds} rounds of ${settings.writeRoundSeconds} s of each kind of write, in turn. Cells: p50 / p95 ms (requests/s, items or rows per response).`,
    "",
    `| endpoint | ${sizes.map((s) => `${s.expenses} expenses`).join(" | ")} | p95 ${last?.expenses}/${first?.expenses} (target <= ${P95_GROWTH_TARGET}) |`,
    `|---|${sizes.map(() => "---").join("|")}|---|`,
  ];
  for (const name of names) {
    const growth = ratio(last?.endpoints[name]?.p95Ms, first?.endpoints[name]?.p95Ms);
    lines.push(`| ${name} | ${sizes.map((s) => cell(s.endpoints[name], s.endpoints[name]?.itemsReturned)).join(" | ")} | ${growth.toFixed(2)} (${verdict(growth <= P95_GROWTH_TARGET)}) |`);
  }
  for (const name of rawNames) {
    const growth = ratio(last?.raw[name]?.p95Ms, first?.raw[name]?.p95Ms);
    lines.push(`| ${name} | ${sizes.map((s) => cell(s.raw[name])).join(" | ")} | ${growth.toFixed(2)} (for comparison) |`);
  }
  lines.push("", `| ratio of p50 | ${sizes.map((s) => `${s.expenses} expenses`).join(" | ")} |`, `|---|${sizes.map(() => "---").join("|")}|`);
  const p50Ratio = (endpoint: string, raw: string) => sizes.map((s) => ratio(s.endpoints[endpoint]?.p50Ms, s.raw[raw]?.p50Ms));
  lines.push(`| ${LIST} / ${RAW_QUERY} (target <= ${LIST_OVER_QUERY_TARGET}) | ${p50Ratio(LIST, RAW_QUERY).map((r) => `${r.toFixed(2)} (${verdict(r <= LIST_OVER_QUERY_TARGET)})`).join(" | ")} |`);
  lines.push(`| ${CATEGORY_PAGE} / ${RAW_CATEGORY_QUERY} (no target) | ${p50Ratio(CATEGORY_PAGE, RAW_CATEGORY_QUERY).map((r) => r.toFixed(2)).join(" | ")} |`);
  lines.push(`| ${GET} / ${RAW_GET} (no target) | ${p50Ratio(GET, RAW_GET).map((r) => r.toFixed(2)).join(" | ")} |`);
  lines.push(
    "",
    "| writes | per second | CPU ms per request |",
    "|---|---|---|",
    `| POST /api/expenses through next start | ${writes.postPerSecond} (rounds ${writes.rounds.map((r) => r.post).join(", ")})${writes.postNon2xx ? `, ${writes.postNon2xx} non-2xx` : ""} | ${cpu(writes.cpuMsPerRequest.post)} |`,
    `| the same POST, route handlers in plain node:http (bench/api-server.ts) | ${writes.plainPostPerSecond} (rounds ${writes.rounds.map((r) => r.plainPost).join(", ")}) | ${cpu(writes.cpuMsPerRequest.plainPost)} |`,
    `| raw TransactWriteItems (expense Put + aggregate ADD), same concurrency | ${writes.rawTransactionPerSecond} (rounds ${writes.rounds.map((r) => r.transaction).join(", ")}) | ${cpu(writes.cpuMsPerRequest.transaction)} |`,
    `| ratio POST through next start / raw transaction (target >= ${POST_RATIO_TARGET}) | ${writes.ratio} (${verdict(writes.ratio >= POST_RATIO_TARGET)}); per round ${writes.rounds.map((r) => (r.post / r.transaction).toFixed(2)).join(", ")} | |`,
    `| ratio plain node:http POST / raw transaction (for comparison) | ${writes.plainRatio} | |`,
  );
  if (tenants && first) {
    const fill = tenants.fill;
    lines.push(
      "",
      `Many tenants: ${fill.partitions} users x ${fill.expensesPerPartition} expenses in one table (+ the single user's ${last?.expenses}), seeded in ${fill.seconds} s ` +
        `(${fill.itemsPerSecond} expenses/s); ${tenants.realUsers} of them signed-in users, measured interleaved and pooled, against the single user's ` +
        `${tenants.baselineExpenses}-expense figures of this run (when the table held only that user).`,
      "",
      `| endpoint | single user, ${tenants.baselineExpenses} expenses | a tenant of ${fill.partitions} | p95 tenant / single (target <= ${TENANT_P95_TARGET}) |`,
      "|---|---|---|---|",
    );
    for (const name of Object.keys(tenants.endpoints)) {
      const r = ratio(tenants.endpoints[name]?.p95Ms, first.endpoints[name]?.p95Ms);
      lines.push(`| ${name} | ${cell(first.endpoints[name])} | ${cell(tenants.endpoints[name])} | ${r.toFixed(2)} (${verdict(r <= TENANT_P95_TARGET)}) |`);
    }
    for (const name of Object.keys(tenants.raw)) {
      const r = ratio(tenants.raw[name]?.p95Ms, first.raw[name]?.p95Ms);
      lines.push(`| ${name} | ${cell(first.raw[name])} | ${cell(tenants.raw[name])} | ${r.toFixed(2)} (for comparison) |`);
    }
  }
  lines.push("", `Non-2xx responses in the whole run: ${result.non2xx}. Total ${result.totalSeconds} s.`, "");
  return lines.join("\n");
}
