/**
 * Rebuilds the whole analytics feed from the table: `npm run analytics:backfill` (scripts/analytics-backfill.ts).
 * Needed once after the stream subscription is deployed (it starts at the stream's LATEST position, so older
 * expenses are never streamed) and whenever the feed is in doubt (a batch dropped after its retries, objects
 * deleted by hand).
 *
 * It finds the user-months with a paged Scan: an admin job, and the only Scan in the project (DESIGN.md forbids
 * them on user traffic). The Scan reads the LSI byDate, which holds only expense items (only they have a
 * dateKey), so aggregates and idempotency records are not even read. Each user-month is then rebuilt by the
 * same code as the stream function (analytics-feed.ts), so a backfill and the stream produce identical bytes.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { BY_DATE_INDEX, ExpenseItemSchema, parseStored } from "../expenses/items";
import { parseMonthObjectKey, userMonthKey, type UserMonth } from "./analytics-keys";
import { createAnalyticsFeed, type AnalyticsFeedDeps } from "./analytics-feed";

export type BackfillDeps = AnalyticsFeedDeps & {
  log?: (line: string) => void;
  now?: () => Date;
  concurrency?: number;
};

export type BackfillSummary = {
  /** Expense items the Scan returned. */
  expenses: number;
  userMonths: number;
  /** Objects written (one per user-month with expenses) and rows in them. */
  written: number;
  rows: number;
  /** Objects of user-months that no longer have expenses, deleted. */
  deleted: number;
  /** Objects under analytics/expenses/ that are not ours (another key layout): reported, left alone. */
  foreign: string[];
  durationMs: number;
};

const PlacedExpenseSchema = ExpenseItemSchema.pick({ userId: true, sk: true, date: true });

/**
 * An object is deleted only if it is older than the backfill (by more than S3's one-second LastModified
 * precision): one written meanwhile comes from the stream function, for an expense the Scan may have passed
 * already, and must stay.
 */
const RECENT_MARGIN_MS = 1_000;

export async function backfillAnalytics(deps: BackfillDeps): Promise<BackfillSummary> {
  const log = deps.log ?? (() => undefined);
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const feed = createAnalyticsFeed(deps);
  await feed.writeManifest();

  const found = new Map<string, UserMonth>();
  let expenses = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new ScanCommand({
        TableName: deps.tableName,
        IndexName: BY_DATE_INDEX,
        ProjectionExpression: "userId, sk, #date",
        ExpressionAttributeNames: { "#date": "date" },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const expense = parseStored(PlacedExpenseSchema, item, "expense");
      const userMonth = { userId: expense.userId, month: expense.date.slice(0, 7) };
      found.set(userMonthKey(userMonth), userMonth);
      expenses++;
    }
    startKey = page.LastEvaluatedKey;
    log(`scanned ${expenses} expenses: ${found.size} user-months so far`);
  } while (startKey);

  const userMonths = [...found.values()];
  let lastLogAt = 0;
  const outcomes = await feed.rebuildAll(userMonths, {
    concurrency: deps.concurrency,
    onRebuilt: (_outcome, done) => {
      if (done === userMonths.length || Date.now() - lastLogAt > 1_000) {
        lastLogAt = Date.now();
        log(`rebuilt ${done}/${userMonths.length} user-months`);
      }
    },
  });

  const cutoff = startedAt.getTime() - RECENT_MARGIN_MS;
  const stale: string[] = [];
  const foreign: string[] = [];
  for (const object of await feed.objects()) {
    if (found.has(object.key)) continue;
    if (!parseMonthObjectKey(object.key)) foreign.push(object.key);
    else if (object.lastModified !== undefined && object.lastModified.getTime() < cutoff) stale.push(object.key);
  }
  await feed.remove(stale);
  if (stale.length > 0) log(`deleted ${stale.length} objects of user-months without expenses`);
  for (const key of foreign) log(`left alone: ${key} (not a user-month object)`);

  return {
    expenses,
    userMonths: userMonths.length,
    written: outcomes.filter((o) => o.outcome === "written").length,
    rows: outcomes.reduce((sum, o) => sum + o.rows, 0),
    // A month emptied between the Scan and its rebuild is deleted by the rebuild itself.
    deleted: stale.length + outcomes.filter((o) => o.outcome === "deleted").length,
    foreign,
    durationMs: now().getTime() - startedAt.getTime(),
  };
}

/** The one line the backfill command ends with. */
export function backfillSummaryLine(summary: BackfillSummary): string {
  return (
    `analytics backfill: ${summary.expenses} expenses in ${summary.userMonths} user-months -> ${summary.written} objects ` +
    `(${summary.rows} rows) written, ${summary.deleted} stale deleted` +
    (summary.foreign.length > 0 ? `, ${summary.foreign.length} foreign left alone` : "") +
    ` in ${(summary.durationMs / 1000).toFixed(1)} s`
  );
}
