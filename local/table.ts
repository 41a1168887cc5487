import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";

/** Attribute holding the epoch-seconds expiry of idempotency records (DynamoDB TTL). */
export const EXPENSES_TTL_ATTRIBUTE = "ttl";

/**
 * The Expenses table exactly as infra/storage.ts declares it (DESIGN.md "Data model"): pk `userId`,
 * sort `sk`; LSI `byDate` on `dateKey`; GSI `byCategory` on `catKey` + `dateKey`; a NEW_AND_OLD_IMAGES
 * stream; on-demand billing. Pure, so an infra test can compare the two.
 */
export function expensesTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "userId", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "dateKey", AttributeType: "S" },
      { AttributeName: "catKey", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "userId", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: "byDate",
        KeySchema: [
          { AttributeName: "userId", KeyType: "HASH" },
          { AttributeName: "dateKey", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "byCategory",
        KeySchema: [
          { AttributeName: "catKey", KeyType: "HASH" },
          { AttributeName: "dateKey", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
  };
}

/**
 * Creates the table if it is absent, waits until it is ACTIVE and enables TTL; safe to call on every
 * start. An existing table with another key layout (e.g. an old `.local/` database) is an error rather
 * than something to query wrongly.
 */
export async function ensureExpensesTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const definition = expensesTableDefinition(tableName);
  let table = await describe(client, tableName);
  if (!table) {
    try {
      await client.send(new CreateTableCommand(definition));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  } else {
    assertSameLayout(table, definition);
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === "ACTIVE");
    if (table?.TableStatus === "ACTIVE" && indexesActive) break;
    if (Date.now() > deadline) throw new Error(`table ${tableName} did not become ACTIVE within 30 s`);
    await new Promise((wake) => setTimeout(wake, 100));
  }

  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== "ENABLED" && status !== "ENABLING") {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: EXPENSES_TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

const keys = (schema: KeySchemaElement[] | undefined) =>
  (schema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(",");

function layout(table: {
  KeySchema?: KeySchemaElement[];
  LocalSecondaryIndexes?: { IndexName?: string; KeySchema?: KeySchemaElement[] }[];
  GlobalSecondaryIndexes?: { IndexName?: string; KeySchema?: KeySchemaElement[] }[];
  StreamSpecification?: { StreamEnabled?: boolean; StreamViewType?: string };
}): string {
  const indexes = [...(table.LocalSecondaryIndexes ?? []), ...(table.GlobalSecondaryIndexes ?? [])]
    .map((i) => `${i.IndexName}(${keys(i.KeySchema)})`)
    .sort();
  const stream = table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : "none";
  return [keys(table.KeySchema), ...indexes, `stream:${stream}`].join(" ");
}

function assertSameLayout(table: TableDescription, definition: CreateTableCommandInput): void {
  const actual = layout(table);
  const expected = layout(definition);
  if (actual !== expected) {
    throw new Error(
      `table ${definition.TableName} exists with another layout (${actual}; expected ${expected}): ` +
        "delete the local database directory to recreate it",
    );
  }
}
