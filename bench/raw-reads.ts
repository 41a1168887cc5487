import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BY_CATEGORY_INDEX, BY_DATE_INDEX, categoryKeyOf, dateKeyRange, expenseKey } from "../lib/expenses/items";
import { TABLE_NAME } from "../local/stack";
import { sdkProbe, type Probe } from "./load";

export const RAW_QUERY = "raw Query (the list's first page)";
export const RAW_GET = "raw GetItem (get by id)";
export const RAW_CATEGORY_QUERY = "raw Query on byCategory (category and month page)";

/** The page size GET /api/expenses asks DynamoDB for by default: 50 items plus one to know a next page exists. */
const LIST_LIMIT = 50 + 1;

/**
 * The DynamoDB calls behind GET /api/expenses, GET /api/expenses/{id} and the category x month page
 * (?category=Food&from=2025-03-01&to=2025-03-31), made directly: the same key condition, index, order,
 * consistency, limit and (no) projection as lib/expenses/read-expenses.ts.
 */
export function rawReadProbes(client: DynamoDBDocumentClient, userId: string, expenseId: string): Probe[] {
  const { low, high } = dateKeyRange(undefined, undefined);
  // A new command per call: a command object carries its own middleware stack and is not meant to be re-sent.
  const query = () => new QueryCommand({
    TableName: TABLE_NAME,
    IndexName: BY_DATE_INDEX,
    ScanIndexForward: false,
    KeyConditionExpression: "userId = :pk AND dateKey BETWEEN :low AND :high",
    ExpressionAttributeValues: { ":pk": userId, ":low": low, ":high": high },
    ConsistentRead: true,
    Limit: LIST_LIMIT,
  });
  const month = dateKeyRange("2025-03-01", "2025-03-31");
  const categoryQuery = () =>
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: BY_CATEGORY_INDEX,
      ScanIndexForward: false,
      KeyConditionExpression: "catKey = :pk AND dateKey BETWEEN :low AND :high",
      ExpressionAttributeValues: { ":pk": categoryKeyOf(userId, "Food"), ":low": month.low, ":high": month.high },
      Limit: LIST_LIMIT,
    });
  const get = () => new GetCommand({ TableName: TABLE_NAME, Key: expenseKey(userId, expenseId), ConsistentRead: true });
  return [
    sdkProbe(RAW_QUERY, () => client.send(query())),
    sdkProbe(RAW_GET, () => client.send(get())),
    sdkProbe(RAW_CATEGORY_QUERY, () => client.send(categoryQuery())),
  ];
}
