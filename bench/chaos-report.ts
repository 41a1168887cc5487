/** The chaos benchmark's figures (bench/results/chaos.json) and their markdown (chaos.md). */
import { cpus } from "node:os";
import type { ConsistencyReport } from "../lib/consistency/check-consistency";
import type { Invocation } from "../local/functions-runner";
import type { Attempt, Phase } from "./chaos-client";
import type { WriteVerdict } from "./chaos-verify";

type Inputs = {
  settings: Record<string, unknown>;
  outage: { startedAtSecond: number; seconds: number };
  attempts: Attempt[];
  invocations: Invocation[];
  faults: Map<string, "always" | "once">;
  writes: WriteVerdict;
  consistency: ConsistencyReport;
  serverErrors: string;
  totalSeconds: number;
};

const PHASES: Phase[] = ["before", "during", "after"];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function summarise(inputs: Inputs) {
  const byPhase = Object.fromEntries(
    PHASES.map((phase) => {
      const attempts = inputs.attempts.filter((a) => a.phase === phase && !a.op.includes("(S3)"));
      const ms = attempts.map((a) => a.ms).sort((a, b) => a - b);
      return [
        phase,
        {
          requests: attempts.length,
          byStatus: countBy(attempts, (a) => String(a.outcome)),
          latencyMs: { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms.at(-1) ?? 0 },
          over5s: attempts.filter((a) => a.ms > 5_000).length,
          serverErrorsByDetail: countBy(attempts.filter((a) => a.detail !== undefined), (a) => a.detail ?? ""),
        },
      ];
    }),
  );
  const api = inputs.attempts.filter((a) => !a.op.includes("(S3)"));
  const receiptRuns = inputs.invocations.filter((i) => i.functionName === "receipt");
  const planned = [...inputs.faults.values()];
  const c = inputs.consistency;
  const serverErrorLines = inputs.serverErrors.split("\n").filter((line) => line.includes('"level":"error"'));
  return {
    ranAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length },
    settings: inputs.settings,
    outage: inputs.outage,
    requests: { total: api.length, byOperation: countBy(api, (a) => a.op), byStatus: countBy(api, (a) => String(a.outcome)), status500: api.filter((a) => a.outcome === 500).length, hangs: api.filter((a) => a.outcome === "timeout").length },
    byPhase,
    maxLatencyDuringOutageMs: byPhase.during?.latencyMs.max ?? 0,
    s3Uploads: countBy(inputs.attempts.filter((a) => a.op.includes("(S3)")), (a) => String(a.outcome)),
    writes: inputs.writes,
    receiptFunction: {
      injectedFaults: { always: planned.filter((p) => p === "always").length, once: planned.filter((p) => p === "once").length },
      attempts: countBy(receiptRuns, (i) => i.outcome),
      onFailureInvocations: countBy(inputs.invocations.filter((i) => i.functionName === "receipt-failed"), (i) => i.outcome),
    },
    consistency: {
      isConsistent: c.isConsistent,
      checked: c.checked,
      receiptsByStatus: c.receiptsByStatus,
      aggregateMismatches: c.aggregateMismatches.length,
      orphanObjects: c.orphanObjects.length,
      unreferencedObjects: c.unreferencedObjects.length,
      missingObjects: c.missingObjects.length,
      unreadableItems: c.unreadableItems.length,
      examples: [...c.aggregateMismatches.slice(0, 5).map((m) => JSON.stringify(m)), ...c.orphanObjects.slice(0, 5), ...c.unreferencedObjects.slice(0, 5), ...c.missingObjects.slice(0, 5).map((m) => m.key)],
    },
    serverErrors: { count: serverErrorLines.length, examples: serverErrorLines.slice(0, 5).map((line) => line.slice(0, 400)) },
    totalSeconds: Math.round(inputs.totalSeconds),
  };
}

export type ChaosResult = ReturnType<typeof summarise>;

const statuses = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, n]) => `${status}: ${n}`)
    .join(", ");

export function chaosMarkdown(r: ChaosResult): string {
  const w = r.writes;
  const rows = PHASES.map((phase) => {
    const p = r.byPhase[phase];
    return p ? `| ${phase} | ${p.requests} | ${statuses(p.byStatus)} | ${p.latencyMs.p50} / ${p.latencyMs.p95} / ${p.latencyMs.max} | ${p.over5s} |` : "";
  });
  return [
    `# Chaos benchmark (${r.ranAt})`,
    "",
    `Node ${r.machine.node}, everything on 127.0.0.1: ${String(r.settings.users)} simulated users for ${String(r.settings.durationSeconds)} s against the route handlers ` +
      `(bench/api-server.ts) on the local stack with DynamoDB Local on disk. DynamoDB Local was killed at ${r.outage.startedAtSecond.toFixed(1)} s and answered again ` +
      `${r.outage.seconds.toFixed(1)} s later (restarted on the same port and -dbPath). Receipt function: ${r.receiptFunction.injectedFaults.always} events made to fail on every attempt, ` +
      `${r.receiptFunction.injectedFaults.once} on the first; retries after ${JSON.stringify(r.settings.retryDelaysMs)} ms. Clients retry 503/429/timeouts (same Idempotency-Key), honouring Retry-After.`,
    "",
    `Requests (attempts): ${r.requests.total}; 500s: ${r.requests.status500}; hangs (no answer in 10 s): ${r.requests.hangs}; max latency during the outage: ${r.maxLatencyDuringOutageMs} ms.`,
    "",
    "| phase | attempts | by status | p50 / p95 / max ms | > 5 s |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "| writes | count |",
    "|---|---|",
    `| creates acknowledged (201) | ${w.acknowledgedCreates} |`,
    `| creates never acknowledged (client gave up) / stored anyway, complete | ${w.unacknowledgedCreates} / ${w.unacknowledgedButStored} |`,
    `| lost creates / edits / deletes | ${w.lostCreates} / ${w.lostEdits} / ${w.lostDeletes} |`,
    `| duplicated writes (one create stored twice) | ${w.duplicatedWrites} |`,
    `| expenses no client sent | ${w.unknownExpenses} |`,
    "",
    `Receipts uploaded: ${w.receipts.uploaded} -> ready ${w.receipts.ready}, failed (retries spent) ${w.receipts.failed}, rejected ${w.receipts.rejected}, still pending ${w.receipts.pending}; ` +
      `granted but never uploaded: ${w.receipts.grantedNotUploaded}. Receipt function attempts: ${statuses(r.receiptFunction.attempts)}; on-failure: ${statuses(r.receiptFunction.onFailureInvocations)}.`,
    "",
    `Consistency check: ${r.consistency.isConsistent ? "consistent" : "INCONSISTENT"} — ${r.consistency.checked.expenses} expenses, ${r.consistency.checked.aggregateCells} aggregate cells, ` +
      `${r.consistency.checked.receiptObjects} objects under receipts/; aggregate mismatches ${r.consistency.aggregateMismatches}, orphan objects ${r.consistency.orphanObjects}, ` +
      `objects not named by their expense ${r.consistency.unreferencedObjects}, missing files ${r.consistency.missingObjects}, unreadable items ${r.consistency.unreadableItems}.`,
    ...(w.examples.length ? ["", "Findings:", ...w.examples.map((e) => `- ${e}`)] : []),
    "",
  ].join("\n");
}
