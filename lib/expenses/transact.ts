import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { accountIsOpen, AccountClosedError } from "../account/closed-account";
import { ServiceUnavailableError } from "../errors";

export type TransactItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;

/** TransactWriteItems takes 100 actions; transactWrite adds one (the account's check), so callers have 99. */
export const MAX_TRANSACTION_ITEMS = 99;

/** A transaction DynamoDB refused because a condition failed; `reasons[i]` is the code for TransactItems[i]. */
export class TransactionRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(`transaction cancelled: ${reasons.join(", ")}`);
    this.name = "TransactionRefused";
  }

  failedAt(index: number): boolean {
    return this.reasons[index] === "ConditionalCheckFailed";
  }
}

const RETRYABLE = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"]);
const MAX_ATTEMPTS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The one user (partition) and table a transaction writes to; a transaction spanning users is a bug. */
function ownerOf(items: TransactItems): { tableName: string; userId: string } {
  const owners = items.map((item) => {
    const keyed = item.Update ?? item.Delete ?? item.ConditionCheck;
    const [tableName, userId]: unknown[] = item.Put ? [item.Put.TableName, item.Put.Item?.userId] : [keyed?.TableName, keyed?.Key?.userId];
    if (typeof tableName !== "string" || typeof userId !== "string") throw new Error("a transaction action without a table or a user id");
    return { tableName, userId };
  });
  const [first] = owners;
  if (!first) throw new Error("an empty transaction");
  if (owners.some((o) => o.tableName !== first.tableName || o.userId !== first.userId)) throw new Error("a transaction writes to more than one user's partition");
  return first;
}

/**
 * Runs TransactWriteItems, with one more action: the check that the user's account is open (not deleted,
 * lib/account/closed-account.ts); if it fails, AccountClosedError (401) and nothing is written. Concurrent
 * writes of one user meet on the month's aggregate item, and DynamoDB cancels a transaction that overlaps
 * another on an item (reason TransactionConflict) — the SDK does not retry that, so we do, with full-jitter
 * exponential backoff; past MAX_ATTEMPTS it is a 503 with Retry-After. A failed condition is a business outcome
 * and is thrown as TransactionRefused for the caller to interpret.
 */
export async function transactWrite(client: DynamoDBDocumentClient, items: TransactItems): Promise<void> {
  if (items.length > MAX_TRANSACTION_ITEMS) throw new Error(`a transaction of ${items.length} actions; at most ${MAX_TRANSACTION_ITEMS}`);
  const { tableName, userId } = ownerOf(items);
  const checked = [...items, accountIsOpen(tableName, userId)];
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: checked }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
      if (reasons[items.length] === "ConditionalCheckFailed") throw new AccountClosedError();
      if (reasons.includes("ConditionalCheckFailed")) throw new TransactionRefused(reasons.slice(0, items.length));
      if (!reasons.some((code) => RETRYABLE.has(code))) throw error;
      // Still contended after every retry: the client may retry later (503 + Retry-After), never a 500.
      if (attempt >= MAX_ATTEMPTS) throw new ServiceUnavailableError(1);
      await sleep(Math.random() * Math.min(1_000, 10 * 2 ** attempt));
    }
  }
}
