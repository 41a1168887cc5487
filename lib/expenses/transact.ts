import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { ServiceUnavailableError } from "../errors";

export type TransactItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;

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

/**
 * Runs TransactWriteItems. Concurrent writes of one user meet on the month's aggregate item, and DynamoDB
 * cancels a transaction that overlaps another on an item (reason TransactionConflict) — the SDK does not retry
 * that, so we do, with full-jitter exponential backoff; past MAX_ATTEMPTS it is a 503 with Retry-After. A failed
 * condition is a business outcome and is thrown as TransactionRefused for the caller to interpret.
 */
export async function transactWrite(client: DynamoDBDocumentClient, items: TransactItems): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
      if (reasons.includes("ConditionalCheckFailed")) throw new TransactionRefused(reasons);
      if (!reasons.some((code) => RETRYABLE.has(code))) throw error;
      // Still contended after every retry: the client may retry later (503 + Retry-After), never a 500.
      if (attempt >= MAX_ATTEMPTS) throw new ServiceUnavailableError(1);
      await sleep(Math.random() * Math.min(1_000, 10 * 2 ** attempt));
    }
  }
}
