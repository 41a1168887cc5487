import { GetCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { decodeCursor, encodeCursor, type CursorBinding, type PageKey } from "../cursor";
import { BadRequestError, NotFoundError } from "../errors";
import { ExpenseIdSchema, type ExpenseJson, type ExpenseList, type ExpenseListQuery, type ExportQuery } from "../schemas";
import type { UserContext } from "./context";
import { toExpenseJson, type Expense } from "./expense";
import { BY_CATEGORY_INDEX, BY_DATE_INDEX, categoryKeyOf, dateKeyRange, expenseKey, indexKeyOf, toExpense } from "./items";
import { normalizeSearchText } from "./search";

/**
 * Another user's expense and a malformed id are both plain 404s: the response must not tell an attacker
 * whether an id exists (no 403, no 422).
 */
export async function getExpense({ client, tableName, userId }: UserContext, id: string): Promise<Expense> {
  if (!ExpenseIdSchema.safeParse(id).success) throw new NotFoundError("No expense with this id.");
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: expenseKey(userId, id), ConsistentRead: true }));
  if (!Item) throw new NotFoundError("No expense with this id.");
  return toExpense(Item);
}

/** Items a `q` search may evaluate per request before handing back a cursor (see listExpenses). */
export const SEARCH_BUDGET = 1_000;
const SEARCH_PAGE = 250;

/** The bounded Query behind a set of filters (see listExpenses): index, key condition and the `q` filter. */
function filteredQuery(ctx: Pick<UserContext, "tableName" | "userId">, filters: ExportQuery) {
  const index: typeof BY_DATE_INDEX | typeof BY_CATEGORY_INDEX = filters.category === undefined ? BY_DATE_INDEX : BY_CATEGORY_INDEX;
  const q = filters.q === undefined ? undefined : normalizeSearchText(filters.q);
  const { low, high } = dateKeyRange(filters.from, filters.to);
  const base: QueryCommandInput = {
    TableName: ctx.tableName,
    IndexName: index,
    ScanIndexForward: false,
    ...(index === BY_DATE_INDEX
      ? {
          KeyConditionExpression: "userId = :pk AND dateKey BETWEEN :low AND :high",
          ExpressionAttributeValues: { ":pk": ctx.userId, ":low": low, ":high": high },
          ConsistentRead: true,
        }
      : {
          KeyConditionExpression: "catKey = :pk AND dateKey BETWEEN :low AND :high",
          ExpressionAttributeValues: { ":pk": categoryKeyOf(ctx.userId, filters.category ?? ""), ":low": low, ":high": high },
        }),
  };
  const filter: Partial<QueryCommandInput> =
    q === undefined
      ? {}
      : {
          FilterExpression: "contains(#search, :q)",
          ExpressionAttributeNames: { "#search": "search" },
          ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ":q": q },
        };
  return { index, q, base, filter };
}

const EXPORT_FIRST_PAGE = 100;

/**
 * Every expense the filters select, in the list's order, one DynamoDB page (up to 1 MB) at a time: the
 * next page is read only when the consumer asks for it, so an export's memory does not grow with its size.
 */
export async function* exportPages(ctx: Pick<UserContext, "client" | "tableName" | "userId">, filters: ExportQuery): AsyncGenerator<ExpenseJson[]> {
  const { base, filter } = filteredQuery(ctx, filters);
  let startKey: Record<string, unknown> | undefined;
  let isFirst = true;
  do {
    // A small first page gets the first bytes out at once; after it, DynamoDB's own 1 MB pages.
    const limit = isFirst ? { Limit: EXPORT_FIRST_PAGE } : {};
    isFirst = false;
    const page = await ctx.client.send(new QueryCommand({ ...base, ...filter, ...limit, ExclusiveStartKey: startKey }));
    const items = (page.Items ?? []).map((item) => toExpenseJson(toExpense(item)));
    if (items.length > 0) yield items;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * One page of a user's expenses, newest date first, ties by id (descending).
 * - without category: Query on the LSI byDate (userId, dateKey = <date>#<id>), strongly consistent;
 * - with category: Query on the GSI byCategory (catKey = <userId>#<category>, dateKey); a GSI is
 *   eventually consistent on AWS, so an expense written a moment ago may show up a moment later;
 * - from/to: a BETWEEN on dateKey, never a filter.
 * `q` is the one filter. DynamoDB has no text index, and DESIGN forbids filtering a whole partition, so
 * each expense keeps a normalised `search` attribute (description + merchant) and `q` is a `contains`
 * FilterExpression on the pages of the bounded Query above. One request evaluates at most `searchBudget`
 * items: if `limit` matches are not found by then, it returns what matched with a cursor to go on (maybe an
 * empty page). A rare term costs the client more requests, never one unbounded read of the partition.
 */
export async function listExpenses(ctx: UserContext, query: ExpenseListQuery): Promise<ExpenseList> {
  const { index, q, base, filter } = filteredQuery(ctx, query);
  const binding: CursorBinding = {
    secret: ctx.cursorSecret,
    userId: ctx.userId,
    scope: JSON.stringify([index, query.category ?? null, query.from ?? null, query.to ?? null, q ?? null]),
  };
  let startKey = query.cursor === undefined ? undefined : checkedStartKey(ctx.userId, index, decodeCursor(query.cursor, binding));

  const found: Record<string, unknown>[] = [];
  let evaluated = 0;
  for (;;) {
    const page = await ctx.client.send(
      new QueryCommand({ ...base, ...filter, Limit: q === undefined ? query.limit + 1 - found.length : Math.min(SEARCH_PAGE, ctx.searchBudget), ExclusiveStartKey: startKey }),
    );
    found.push(...(page.Items ?? []));
    evaluated += page.ScannedCount ?? 0;
    // One item beyond the page tells whether a next page exists; the cursor is the last *returned* item.
    if (found.length > query.limit) {
      const items = found.slice(0, query.limit);
      return toPage(items, indexKeyOf(index, items[items.length - 1] ?? {}), binding);
    }
    if (!page.LastEvaluatedKey) return toPage(found, undefined, binding);
    startKey = page.LastEvaluatedKey;
    if (q !== undefined && evaluated >= ctx.searchBudget) return toPage(found, startKey, binding);
  }
}

function toPage(items: Record<string, unknown>[], next: PageKey | undefined, binding: CursorBinding): ExpenseList {
  return { items: items.map((item) => toExpenseJson(toExpense(item))), nextCursor: next === undefined ? null : encodeCursor(next, binding) };
}

/** Defence in depth behind the signature: the key must be this user's and have exactly the index's attributes. */
function checkedStartKey(userId: string, index: string, key: PageKey): PageKey {
  const expected = index === BY_CATEGORY_INDEX ? ["catKey", "dateKey", "sk", "userId"] : ["dateKey", "sk", "userId"];
  const names = Object.keys(key).sort();
  if (key.userId !== userId || names.join() !== expected.join()) {
    throw new BadRequestError("The cursor is invalid; start again from the first page.", [{ path: "cursor", message: "does not belong to this query" }]);
  }
  return key;
}
