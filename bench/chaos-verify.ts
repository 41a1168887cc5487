/**
 * After the chaos run: what the table holds for each simulated user, against what the server acknowledged.
 * Lost = acknowledged and not there (or an acknowledged edit or delete not reflected); duplicated = one marker
 * (one create, retried) stored more than once. Receipts that were uploaded must have settled.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createExpenseRepository } from "../lib/expenses/repository";
import { UNPROCESSED_UPLOAD_REASON } from "../lib/receipts/settle-failed-upload";
import type { ExpenseJson } from "../lib/schemas";
import { markerOf, type SimulatedUser } from "./chaos-users";

export type WriteVerdict = {
  acknowledgedCreates: number;
  unacknowledgedCreates: number;
  /** Creates never acknowledged that were applied all the same (complete, once): allowed. */
  unacknowledgedButStored: number;
  lostCreates: number;
  lostEdits: number;
  lostDeletes: number;
  duplicatedWrites: number;
  /** Expenses whose marker no client sent: should be 0. */
  unknownExpenses: number;
  receipts: { uploaded: number; ready: number; failed: number; rejected: number; pending: number; grantedNotUploaded: number };
  examples: string[];
};

async function allExpenses(list: ReturnType<ReturnType<typeof createExpenseRepository>>): Promise<ExpenseJson[]> {
  const items: ExpenseJson[] = [];
  let cursor: string | undefined;
  do {
    const page = await list.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export async function verifyWrites(client: DynamoDBDocumentClient, tableName: string, users: readonly SimulatedUser[]): Promise<WriteVerdict> {
  const repository = createExpenseRepository({ client, tableName, cursorSecret: "chaos-verify" });
  const verdict: WriteVerdict = {
    acknowledgedCreates: 0,
    unacknowledgedCreates: 0,
    unacknowledgedButStored: 0,
    lostCreates: 0,
    lostEdits: 0,
    lostDeletes: 0,
    duplicatedWrites: 0,
    unknownExpenses: 0,
    receipts: { uploaded: 0, ready: 0, failed: 0, rejected: 0, pending: 0, grantedNotUploaded: 0 },
    examples: [],
  };
  const example = (line: string) => verdict.examples.length < 20 && verdict.examples.push(line);
  for (const user of users) {
    const stored = await allExpenses(repository(user.userId));
    const byId = new Map(stored.map((e) => [e.id, e]));
    const byMarker = new Map<string, ExpenseJson[]>();
    for (const expense of stored) {
      const marker = markerOf(expense.description);
      if (marker === undefined) {
        verdict.unknownExpenses++;
        continue;
      }
      byMarker.set(marker, [...(byMarker.get(marker) ?? []), expense]);
    }
    for (const [marker, copies] of byMarker) {
      if (copies.length > 1) {
        verdict.duplicatedWrites += copies.length - 1;
        example(`duplicate ${marker}: ${copies.map((c) => c.id).join(", ")}`);
      }
    }
    const known = new Set([...user.acknowledged, ...user.unacknowledged]);
    for (const marker of byMarker.keys()) if (!known.has(marker)) verdict.unknownExpenses++;
    verdict.acknowledgedCreates += user.acknowledged.length;
    verdict.unacknowledgedCreates += user.unacknowledged.length;
    verdict.unacknowledgedButStored += user.unacknowledged.filter((m) => byMarker.has(m)).length;
    for (const tracked of user.expenses) {
      const found = byId.get(tracked.id);
      if (tracked.deleted === "acknowledged") {
        if (found) {
          verdict.lostDeletes++;
          example(`delete of ${tracked.marker} (${tracked.id}) acknowledged, still stored`);
        }
        continue;
      }
      if (!found) {
        if (tracked.deleted === "no") {
          verdict.lostCreates++;
          example(`create of ${tracked.marker} (${tracked.id}) acknowledged, not stored`);
        }
        continue;
      }
      if (!tracked.descriptions.has(found.description)) {
        verdict.lostEdits++;
        example(`${tracked.marker}: stored "${found.description}", expected one of ${[...tracked.descriptions].join(" | ")}`);
      }
      if (tracked.receipt === "granted") verdict.receipts.grantedNotUploaded++;
      if (tracked.receipt !== "uploaded") continue;
      verdict.receipts.uploaded++;
      const status = found.receipt?.status;
      if (status === "ready") verdict.receipts.ready++;
      else if (status === "rejected" && found.receipt?.reason === UNPROCESSED_UPLOAD_REASON) verdict.receipts.failed++;
      else if (status === "rejected") verdict.receipts.rejected++;
      else {
        verdict.receipts.pending++;
        example(`receipt of ${tracked.marker} (${tracked.id}) still ${status ?? "absent"}`);
      }
    }
  }
  return verdict;
}
