import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError, PreconditionFailedError, TooManyRequestsError, ValidationError } from "../errors";
import { epochSeconds, idempotencyRecord, IdempotencyRecordSchema, isLive, replay, requestHash } from "../idempotency";
import { ExpenseSchema, type ExpenseJson, type ExpensePatch, type NewExpense } from "../schemas";
import { aggregateDeltas, deltasByItem, mergeDeltas, type AggregateDelta } from "./aggregate";
import type { UserContext } from "./context";
import { applyPatch, newExpense, toExpenseJson, type Expense } from "./expense";
import { thumbnailKeyOf } from "../receipts/receipt-keys";
import { isExpired, ScanItemSchema } from "../receipts/scan-item";
import { toReceipt, type ReceiptItem } from "../receipts/receipt-item";
import { aggregateKey, aggregateUpdate, expenseAttributes, expenseKey, idempotencyItemKey, parseStored, scanKey, toExpenseItem } from "./items";
import { getExpense } from "./read-expenses";
import { transactWrite, TransactionRefused, type TransactItems } from "./transact";

export type CreateResult = { expense: ExpenseJson; isReplayed: boolean };

/** One ADD update per affected month x category item, in the same transaction as the expense write. */
export function aggregateWrites({ tableName, userId }: Pick<UserContext, "tableName" | "userId">, deltas: AggregateDelta[]): TransactItems {
  return deltasByItem(mergeDeltas(deltas)).map((item) => ({
    Update: { TableName: tableName, Key: aggregateKey(userId, item.month, item.category), ...aggregateUpdate(item.deltas) },
  }));
}

/**
 * Creates an expense, its aggregate change and (with a key) its idempotency record in one transaction.
 * The record's attribute_not_exists condition makes concurrent duplicates resolve to one expense: the
 * losers' transactions are cancelled as a whole and they replay the winner's stored response.
 */
export async function createExpense(ctx: UserContext, input: NewExpense, idempotencyKey?: string): Promise<CreateResult> {
  const hash = idempotencyKey === undefined ? "" : requestHash(input);
  const answered = await spendWrite(ctx, idempotencyKey, hash);
  if (answered) return { expense: answered, isReplayed: true };
  const replayed = (expense: ExpenseJson): CreateResult => {
    // A replay writes nothing, so it costs nothing.
    ctx.rateLimiter?.refund(ctx.userId);
    return { expense, isReplayed: true };
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = ctx.now();
    const scan = input.scanId === undefined ? undefined : await scanToSave(ctx, input.scanId, idempotencyKey, hash);
    if (scan && "replayed" in scan) return replayed(scan.replayed);
    const expense = newExpense(input, scan?.id ?? ctx.newId(), now);
    const json = toExpenseJson(scan ? { ...expense, receipt: toReceipt(scan.receipt) } : expense);
    const items: TransactItems = [
      {
        Put: {
          TableName: ctx.tableName,
          Item: { ...toExpenseItem(ctx.userId, expense), ...(scan ? { receipt: scan.receipt } : {}) },
          ConditionExpression: "attribute_not_exists(sk)",
        },
      },
      ...aggregateWrites(ctx, aggregateDeltas(undefined, expense)),
    ];
    if (scan) {
      // The photo moves with its state as read: if the receipt function settles it meanwhile, this is refused
      // and read again (and the function, finding the scan gone, settles it on the expense instead).
      items.push({
        Delete: {
          TableName: ctx.tableName,
          Key: scanKey(ctx.userId, scan.id),
          ConditionExpression: "receipt.#key = :key AND receipt.#status = :status",
          ExpressionAttributeNames: { "#key": "key", "#status": "status" },
          ExpressionAttributeValues: { ":key": scan.receipt.key, ":status": scan.receipt.status },
        },
      });
    }
    if (idempotencyKey !== undefined) {
      items.push({
        Put: {
          TableName: ctx.tableName,
          Item: { ...idempotencyItemKey(ctx.userId, idempotencyKey), ...idempotencyRecord(hash, { status: 201, body: JSON.stringify(json) }, now) },
          // An expired record DynamoDB has not swept yet may be overwritten.
          ConditionExpression: "attribute_not_exists(sk) OR #ttl <= :now",
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: { ":now": epochSeconds(now) },
        },
      });
    }
    try {
      // Before the write: a photo untagged for a save that then fails only loses its expiry.
      if (scan?.receipt.status === "ready") await ctx.files?.keep([scan.receipt.key, ...(scan.receipt.thumbnailKey ? [thumbnailKeyOf(scan.receipt.key)] : [])]);
      await transactWrite(ctx.client, items);
      return { expense: json, isReplayed: false };
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (idempotencyKey !== undefined && error.failedAt(items.length - 1)) {
        const stored = await storedResponse(ctx, idempotencyKey, hash);
        if (stored) return replayed(stored);
        // The record expired between our write and our read: try again as a new request.
      } else if (!scan) {
        throw error;
      }
      // The scan's photo changed state (or the scan went) between our read and our write: read it again.
    }
  }
  throw new ConflictError(input.scanId === undefined ? "This Idempotency-Key is being used by another request; retry shortly." : "The receipt photo is being checked right now; try again.");
}

/**
 * Spends one write of the user's budget. Past the limit, a retry of a request that already succeeded is still
 * answered — with its stored response — rather than refused: the client only wants to learn the outcome.
 */
async function spendWrite(ctx: UserContext, idempotencyKey: string | undefined, hash: string): Promise<ExpenseJson | undefined> {
  try {
    await ctx.rateLimiter?.consume(ctx.userId);
    return undefined;
  } catch (error) {
    const stored = error instanceof TooManyRequestsError && idempotencyKey !== undefined ? await storedResponse(ctx, idempotencyKey, hash) : undefined;
    if (stored) return stored;
    throw error;
  }
}

/**
 * The scan an expense is saved from: its id becomes the expense's and its receipt moves over. A scan that is
 * gone is the field's error, unless this is a retry of the request that saved it (then its response replays).
 */
async function scanToSave(
  ctx: UserContext,
  scanId: string,
  idempotencyKey: string | undefined,
  hash: string,
): Promise<{ id: string; receipt: ReceiptItem } | { replayed: ExpenseJson }> {
  const { Item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: scanKey(ctx.userId, scanId), ConsistentRead: true }));
  const item = Item ? parseStored(ScanItemSchema, Item, "scan") : undefined;
  if (item && !isExpired(item, ctx.now())) return { id: scanId, receipt: item.receipt };
  const replayed = idempotencyKey === undefined ? undefined : await storedResponse(ctx, idempotencyKey, hash);
  if (replayed) return { replayed };
  throw new ValidationError([{ path: "scanId", message: "This scan was already saved or has expired; attach the photo again." }]);
}

async function storedResponse(ctx: UserContext, key: string, hash: string): Promise<ExpenseJson | undefined> {
  const { Item } = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: idempotencyItemKey(ctx.userId, key), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const record = parseStored(IdempotencyRecordSchema, Item, "idempotency record");
  if (!isLive(record, ctx.now())) return undefined;
  return parseStored(ExpenseSchema, JSON.parse(replay(record, hash).body), "idempotent response");
}

/** Why a versioned write failed: the expense is gone (404) or someone changed it first (412). */
async function refusal(ctx: UserContext, id: string): Promise<Error> {
  const { Item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: expenseKey(ctx.userId, id), ConsistentRead: true }));
  return Item ? new PreconditionFailedError() : new NotFoundError("No expense with this id.");
}

/**
 * Applies a patch if the stored version is still `expectedVersion` (the client's If-Match). UpdateItem (not
 * Put) so attributes owned by other writers, such as the receipt state, survive; the version condition
 * makes exactly one of several concurrent patches win, the others get 412.
 */
export async function updateExpense(ctx: UserContext, id: string, patch: ExpensePatch, expectedVersion: number): Promise<ExpenseJson> {
  await ctx.rateLimiter?.consume(ctx.userId);
  const current = await getExpense(ctx, id);
  if (current.version !== expectedVersion) throw new PreconditionFailedError();
  const next = applyPatch(current, patch, ctx.now());
  try {
    await transactWrite(ctx.client, [
      { Update: { TableName: ctx.tableName, Key: expenseKey(ctx.userId, id), ...versionedUpdate(ctx.userId, next, expectedVersion) } },
      ...aggregateWrites(ctx, aggregateDeltas(current, next)),
    ]);
  } catch (error) {
    if (error instanceof TransactionRefused && error.failedAt(0)) throw await refusal(ctx, id);
    throw error;
  }
  return toExpenseJson(next);
}

function versionedUpdate(userId: string, next: Expense, expectedVersion: number) {
  const attributes: Record<string, unknown> = expenseAttributes(userId, next);
  const names: Record<string, string> = { "#version": "version" };
  const values: Record<string, unknown> = { ":expected": expectedVersion };
  const sets = Object.entries(attributes).map(([name, value], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    return `#a${i} = :a${i}`;
  });
  const removes = (["merchant", "tags"] as const).filter((name) => next[name] === undefined);
  removes.forEach((name) => (names[`#${name}`] = name));
  return {
    UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.map((n) => `#${n}`).join(", ")}` : ""}`,
    ConditionExpression: "#version = :expected",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Deletes an expense, takes it out of its month's aggregate and deletes its receipt files. With If-Match the stored version must
 * match (412 otherwise); without, the delete is retried against whatever version is current, so a
 * concurrent patch can never leave the aggregate counting a deleted amount.
 */
export async function deleteExpense(ctx: UserContext, id: string, expectedVersion?: number): Promise<void> {
  await ctx.rateLimiter?.consume(ctx.userId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getExpense(ctx, id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new PreconditionFailedError();
    try {
      await transactWrite(ctx.client, [
        {
          Delete: {
            TableName: ctx.tableName,
            Key: expenseKey(ctx.userId, id),
            ConditionExpression: "#version = :version",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":version": current.version },
          },
        },
        ...aggregateWrites(ctx, aggregateDeltas(current, undefined)),
      ]);
      // After the item is gone: an upload landing in between finds no expense and deletes its own file. A
      // failure here leaves unreachable objects (found by the consistency check), never a half-deleted expense.
      await ctx.files?.removeAllOf(ctx.userId, id).catch((error: unknown) => {
        console.error(JSON.stringify({ level: "error", msg: "receipt files of a deleted expense remain", expenseId: id, error: String(error) }));
      });
      return;
    } catch (error) {
      if (!(error instanceof TransactionRefused && error.failedAt(0))) throw error;
      if (expectedVersion !== undefined) throw await refusal(ctx, id);
    }
  }
  throw new ConflictError("The expense keeps changing; try again.");
}
