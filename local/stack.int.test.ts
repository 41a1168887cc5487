import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStack, TABLE_NAME } from "./stack";
import { createTestUser } from "./test-users";

const dir = mkdtempSync(join(tmpdir(), "ledgerline-stack-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the dev stack (persisted)", () => {
  it("keeps users, pool ids, the cursor secret and table data across a restart", async () => {
    const first = await startLocalStack({ persistDir: dir, appOrigins: ["http://localhost:3000"] });
    let userId: string;
    try {
      const user = await createTestUser(first.env);
      userId = user.userId;
      const dynamo = new DynamoDBClient({ endpoint: first.dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      await dynamo.send(
        new PutItemCommand({ TableName: TABLE_NAME, Item: { userId: { S: userId }, sk: { S: "SET" }, locale: { S: "en-GB" } } }),
      );
      dynamo.destroy();
    } finally {
      await first.stop();
    }

    const second = await startLocalStack({ persistDir: dir, appOrigins: ["http://localhost:3000"] });
    try {
      expect(second.env.SST_RESOURCE_UserPool).toBe(first.env.SST_RESOURCE_UserPool);
      expect(second.env.SST_RESOURCE_UserPoolClient).toBe(first.env.SST_RESOURCE_UserPoolClient);
      expect(second.env.SST_RESOURCE_CursorSecret).toBe(first.env.SST_RESOURCE_CursorSecret);
      const dynamo = new DynamoDBClient({ endpoint: second.dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      const got = await dynamo.send(new GetItemCommand({ TableName: TABLE_NAME, Key: { userId: { S: userId }, sk: { S: "SET" } } }));
      dynamo.destroy();
      expect(got.Item?.locale?.S).toBe("en-GB");
    } finally {
      await second.stop();
    }
  });
});
