/**
 * The import function's commit: the file's rows in batches, each batch ONE transaction holding its new
 * expenses, their occurrence markers, the aggregate changes, a record of the ids it created (for undo) and the
 * import's progress — so a crash or a timeout mid-import resumes (Lambda's retry of the invocation, or the
 * next commit) after the last committed batch, never doubles a row, and the aggregates stay exact.
 */
import { BatchGetCommand, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { mapRows, occurrenceKeys, type KeyedExpenseRow, type KeyedRowResult } from "../csv/import";
import { aggregateDeltas } from "../expenses/aggregate";
import { newExpense } from "../expenses/expense";
import { dateKeyRange, toExpenseItem } from "../expenses/items";
import { transactWrite, TransactionRefused, type TransactItems } from "../expenses/transact";
import { aggregateWrites } from "../expenses/write-expenses";
import type { ImportWorkerDeps } from "./detect-import";
import { importBatchKey, importKey, MAX_REPORT_LINES, occurrenceItemKey, toImportItem, type ImportItem } from "./import-item";
import type { ImportCounts, ReportLine } from "./import-schemas";

/** Expense rows per transaction: 25 expenses + 25 markers + their aggregate items + 2 stay under DynamoDB's 100. */
export const BATCH_ROWS = 25;

export type CommitDeps = ImportWorkerDeps & { newId?: () => string };

export type CommitOutcome = { outcome: "done"; counts: ImportCounts } | { outcome: "ignored" };

type Pending = { rows: KeyedExpenseRow[]; lines: ReportLine[]; counts: ImportCounts; handled: number; lastLine: number };

const emptyPending = (): Pending => ({ rows: [], lines: [], counts: { accepted: 0, duplicates: 0, possibleDuplicates: 0, skipped: 0, rejected: 0 }, handled: 0, lastLine: 0 });

export async function commitImport(deps: CommitDeps, userId: string, importId: string): Promise<CommitOutcome> {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? monotonicFactory();
  const load = async () => {
    const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: importKey(userId, importId), ConsistentRead: true }));
    return Item ? toImportItem(Item) : undefined;
  };
  const item = await load();
  if (!item || item.status !== "committing" || !item.settings) return { outcome: "ignored" };
  const bytes = await deps.files.read(item.objectKey);
  if (!bytes) throw new Error(`the file of import ${importId} is gone`);
  const include = item.includeLines ? new Set(item.includeLines) : undefined;
  let state: ImportItem = item;
  let pending = emptyPending();
  const typed: TypedIndex = new Map();

  const flush = async (isLast: boolean) => {
    if (pending.handled === 0 && !isLast) return;
    state = await commitBatch(deps, state, pending, { newId, now, include, isLast, typed });
    pending = emptyPending();
  };

  const today = now().toISOString().slice(0, 10);
  const rows: Iterable<KeyedRowResult> = occurrenceKeys(mapRows(bytes, item.settings, { today }));
  for (const row of rows) {
    // Rows up to the resume point were committed by an earlier run (occurrences are still counted above).
    if (row.line <= state.cursorLine) continue;
    if (include && !include.has(row.line)) continue;
    pending.handled++;
    pending.lastLine = row.line;
    if (row.kind === "expense") pending.rows.push(row);
    else {
      pending.counts[row.kind]++;
      pending.lines.push({ line: row.line, kind: row.kind, reason: row.reason });
    }
    if (pending.rows.length >= BATCH_ROWS || pending.handled >= 500) await flush(false);
  }
  await flush(true);
  return { outcome: "done", counts: state.counts };
}

/** Expenses the user typed by hand (no import id), counted by date|amountMinor|currency, one Query per date. */
type TypedIndex = Map<string, Map<string, number>>;

async function typedOn(deps: CommitDeps, userId: string, date: string, index: TypedIndex): Promise<Map<string, number>> {
  const cached = index.get(date);
  if (cached) return cached;
  const counts = new Map<string, number>();
  const { low, high } = dateKeyRange(date, date);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: "byDate",
        KeyConditionExpression: "userId = :u AND dateKey BETWEEN :low AND :high",
        FilterExpression: "attribute_not_exists(importId)",
        ProjectionExpression: "amountMinor, currency",
        ExpressionAttributeValues: { ":u": userId, ":low": low, ":high": high },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const expense of page.Items ?? []) {
      const key = `${String(expense.amountMinor)}|${String(expense.currency)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  index.set(date, counts);
  return counts;
}

/**
 * Rows whose date and amount match an expense the user typed by hand: listed, not stored, unless the user
 * named their lines. Each typed expense explains at most one row (the index is consumed as rows match).
 */
async function typedLookalikes(deps: CommitDeps, userId: string, rows: KeyedExpenseRow[], index: TypedIndex): Promise<Set<number>> {
  const lookalikes = new Set<number>();
  for (const row of rows) {
    const typed = await typedOn(deps, userId, row.input.date, index);
    const key = `${row.input.amountMinor}|${row.input.currency}`;
    const left = typed.get(key) ?? 0;
    if (left > 0) {
      typed.set(key, left - 1);
      lookalikes.add(row.line);
    }
  }
  return lookalikes;
}

async function existingOccurrences(deps: CommitDeps, userId: string, rows: KeyedExpenseRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  let keys: Record<string, unknown>[] = rows.map((row) => occurrenceItemKey(userId, row.key));
  const found = new Set<string>();
  while (keys.length > 0) {
    const result = await deps.client.send(
      new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: "sk" } } }),
    );
    for (const item of result.Responses?.[deps.tableName] ?? []) found.add(String(item.sk).slice("IMK#".length));
    keys = result.UnprocessedKeys?.[deps.tableName]?.Keys ?? [];
  }
  return found;
}

async function commitBatch(
  deps: CommitDeps,
  state: ImportItem,
  pending: Pending,
  options: { newId: () => string; now: () => Date; include: Set<number> | undefined; isLast: boolean; typed: TypedIndex },
): Promise<ImportItem> {
  const { userId, id: importId } = state;
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = options.now();
    const counts = { ...pending.counts };
    const lines = [...pending.lines];
    const existing = await existingOccurrences(deps, userId, pending.rows);
    const fresh = pending.rows.filter((row) => !existing.has(row.key));
    counts.duplicates += pending.rows.length - fresh.length;
    // A retried batch reads the typed expenses afresh: its earlier attempt may have consumed some.
    const typed: TypedIndex = attempt === 0 ? options.typed : new Map();
    const lookalikes = options.include ? new Set<number>() : await typedLookalikes(deps, userId, fresh, typed);
    const stored = fresh.filter((row) => !lookalikes.has(row.line));
    for (const row of fresh.filter((r) => lookalikes.has(r.line))) {
      counts.possibleDuplicates++;
      lines.push({ line: row.line, kind: "possible-duplicate", reason: `Looks like an expense you typed: ${row.input.date}, ${row.input.currency} — not imported unless you choose to keep it` });
    }
    // A second pass over chosen possible duplicates moves them from that count to the accepted ones.
    if (options.include) counts.possibleDuplicates -= stored.length;
    counts.accepted += stored.length;

    const expenses = stored.map((row) => ({ row, expense: newExpense(row.input, options.newId(), at) }));
    const batch = state.batches + 1;
    const room = Math.max(0, MAX_REPORT_LINES - state.lines.length);
    const items: TransactItems = [
      ...expenses.map(({ expense }) => ({
        Put: { TableName: deps.tableName, Item: { ...toExpenseItem(userId, expense), importId }, ConditionExpression: "attribute_not_exists(sk)" },
      })),
      ...expenses.map(({ row, expense }) => ({
        Put: {
          TableName: deps.tableName,
          Item: { ...occurrenceItemKey(userId, row.key), importId, expenseId: expense.id },
          // Another import of the same rows racing this one: the loser's batch is cancelled and read again.
          ConditionExpression: "attribute_not_exists(sk)",
        },
      })),
      ...aggregateWrites({ tableName: deps.tableName, userId }, expenses.flatMap(({ expense }) => aggregateDeltas(undefined, expense))),
      ...(expenses.length > 0
        ? [{ Put: { TableName: deps.tableName, Item: { ...importBatchKey(userId, importId, batch), ids: expenses.map((e) => e.expense.id), keys: expenses.map((e) => e.row.key) } } }]
        : []),
      {
        Update: {
          TableName: deps.tableName,
          Key: importKey(userId, importId),
          UpdateExpression:
            "SET cursorLine = :cursor, #done = #done + :handled, batches = :batch, #lines = list_append(#lines, :lines), updatedAt = :now, " +
            "counts.accepted = counts.accepted + :accepted, counts.duplicates = counts.duplicates + :duplicates, " +
            "counts.possibleDuplicates = counts.possibleDuplicates + :possible, counts.skipped = counts.skipped + :skipped, " +
            "counts.rejected = counts.rejected + :rejected" +
            (options.isLast ? ", #status = :done REMOVE includeLines" : ""),
          // Progress is conditional on the resume point it started from: two runs can never both apply a batch.
          ConditionExpression: "#status = :committing AND cursorLine = :from",
          ExpressionAttributeNames: { "#status": "status", "#done": "done", "#lines": "lines" },
          ExpressionAttributeValues: {
            ":cursor": Math.max(state.cursorLine, pending.lastLine),
            ":from": state.cursorLine,
            ":handled": pending.handled,
            ":batch": expenses.length > 0 ? batch : state.batches,
            ":lines": lines.slice(0, room),
            ":now": at.toISOString(),
            ":accepted": counts.accepted,
            ":duplicates": counts.duplicates,
            ":possible": counts.possibleDuplicates,
            ":skipped": counts.skipped,
            ":rejected": counts.rejected,
            ":committing": "committing",
            ...(options.isLast ? { ":done": "done" } : {}),
          },
        },
      },
    ];
    try {
      await transactWrite(deps.client, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      // The import item's condition failed: someone else moved it on (another run, an undo). Stop here.
      if (error.failedAt(items.length - 1)) throw new Error(`import ${importId} changed while committing; stopping this run`);
      continue;
    }
    // What the transaction just wrote, without reading it back: the condition proved nobody else moved it.
    return {
      ...state,
      status: options.isLast ? "done" : state.status,
      cursorLine: Math.max(state.cursorLine, pending.lastLine),
      done: state.done + pending.handled,
      batches: expenses.length > 0 ? batch : state.batches,
      lines: [...state.lines, ...lines.slice(0, room)],
      counts: {
        accepted: state.counts.accepted + counts.accepted,
        duplicates: state.counts.duplicates + counts.duplicates,
        possibleDuplicates: state.counts.possibleDuplicates + counts.possibleDuplicates,
        skipped: state.counts.skipped + counts.skipped,
        rejected: state.counts.rejected + counts.rejected,
      },
    };
  }
  throw new Error(`import ${importId}: a batch kept conflicting with another import of the same rows`);
}
