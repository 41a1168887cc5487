export type EndpointFigures = { requests: number; requestsPerSecond: number; non2xx: number; itemsReturned: number; p50Ms: number; p95Ms: number; p99Ms: number };

export type ApiBenchResult = {
  ranAt: string;
  machine: { node: string; cpus: number };
  settings: { durationSeconds: number; warmupSeconds: number; connections: number; latencyConnections: number; rounds: number };
  sizes: { expenses: number; endpoints: Record<string, EndpointFigures> }[];
  writes: { postPerSecond: number; postNon2xx: number; rawPutItemPerSecond: number; rawTransactionPerSecond: number; ratio: number };
  totalSeconds: number;
};

/** Targets of issue 4: p95 at the largest size within 1.2x of the smallest; POST >= 0.7x raw PutItem. */
export const P95_GROWTH_TARGET = 1.2;
export const POST_RATIO_TARGET = 0.7;

const ms = (value: number) => value.toFixed(1);
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

export function markdownReport(result: ApiBenchResult): string {
  const first = result.sizes[0];
  const last = result.sizes[result.sizes.length - 1];
  const names = Object.keys(first?.endpoints ?? {});
  const lines = [
    `# API benchmark (${result.ranAt})`,
    "",
    `Node ${result.machine.node}, ${result.machine.cpus} CPUs, everything on 127.0.0.1 (DynamoDB Local, the route handlers in a plain ` +
      `node:http server, autocannon). Latency: ${result.settings.latencyConnections} connections, ${result.settings.rounds} interleaved rounds ` +
      `totalling ${result.settings.durationSeconds} s per endpoint after a ${result.settings.warmupSeconds} s warm-up; ` +
      `writes: ${result.settings.connections} connections for ${result.settings.durationSeconds} s. Cells: p50 / p95 ms (requests/s, items or rows per response).`,
    "",
    `| endpoint | ${result.sizes.map((s) => `${s.expenses} expenses`).join(" | ")} | p95 ${last?.expenses}/${first?.expenses} |`,
    `|---|${result.sizes.map(() => "---").join("|")}|---|`,
  ];
  for (const name of names) {
    const cells = result.sizes.map((s) => {
      const f = s.endpoints[name];
      return f ? `${ms(f.p50Ms)} / ${ms(f.p95Ms)} (${f.requestsPerSecond}/s, ${f.itemsReturned})${f.non2xx ? ` ${f.non2xx} non-2xx` : ""}` : "-";
    });
    const growth = (last?.endpoints[name]?.p95Ms ?? Number.NaN) / (first?.endpoints[name]?.p95Ms ?? Number.NaN);
    lines.push(`| ${name} | ${cells.join(" | ")} | ${growth.toFixed(2)} (${verdict(growth <= P95_GROWTH_TARGET)}) |`);
  }
  const { postPerSecond, rawPutItemPerSecond, rawTransactionPerSecond, ratio, postNon2xx } = result.writes;
  lines.push(
    "",
    "| writes | per second |",
    "|---|---|",
    `| POST /api/expenses (auth + validation + rate limit + transaction with the aggregate) | ${postPerSecond}${postNon2xx ? ` (${postNon2xx} non-2xx)` : ""} |`,
    `| raw PutItem, same concurrency | ${rawPutItemPerSecond} |`,
    `| raw TransactWriteItems (expense Put + aggregate ADD), same concurrency: the ceiling for POST | ${rawTransactionPerSecond} |`,
    `| ratio (target >= ${POST_RATIO_TARGET}) | ${ratio} (${verdict(ratio >= POST_RATIO_TARGET)}) |`,
    "",
  );
  return lines.join("\n");
}
