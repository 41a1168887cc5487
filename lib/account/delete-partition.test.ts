import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "../errors";
import { BATCH_SIZE, deletePartition } from "./delete-partition";

type Key = { userId: string; sk: string };

/**
 * A table in memory that answers the two commands deletePartition sends: keys-only Queries in sk order (paged by
 * Limit) and BatchWriteItem deletes, leaving the first `unprocessed` requests of each chosen call unprocessed.
 */
function fakeTable(keys: Key[], options: { unprocessedOnCalls?: Set<number>; refillOnce?: Key[] } = {}) {
  const items = new Map(keys.map((key) => [JSON.stringify([key.userId, key.sk]), key]));
  const batches: number[] = [];
  let calls = 0;
  let refill = options.refillOnce;
  const send = async (command: unknown) => {
    if (command instanceof QueryCommand) {
      const { ExpressionAttributeValues, ExclusiveStartKey, Limit, ProjectionExpression } = command.input;
      expect(ProjectionExpression).toBe("userId, sk");
      const pk = ExpressionAttributeValues?.[":pk"] as string;
      const after = (ExclusiveStartKey?.sk as string | undefined) ?? "";
      const all = [...items.values()].filter((key) => key.userId === pk && key.sk > after).sort((a, b) => (a.sk < b.sk ? -1 : 1));
      const page = Limit ? all.slice(0, Limit) : all;
      const isLast = page.length === all.length;
      if (isLast && refill) {
        // A write that raced the first pass: the next pass must find it.
        for (const key of refill) items.set(JSON.stringify([key.userId, key.sk]), key);
        refill = undefined;
      }
      return { Items: page.map((key) => ({ ...key })), LastEvaluatedKey: isLast ? undefined : page[page.length - 1] };
    }
    if (command instanceof BatchWriteCommand) {
      const requests = Object.values(command.input.RequestItems ?? {})[0] ?? [];
      expect(requests.length).toBeLessThanOrEqual(BATCH_SIZE);
      batches.push(requests.length);
      const call = calls++;
      const unprocessed = options.unprocessedOnCalls?.has(call) ? requests.slice(0, 3) : [];
      for (const request of requests.slice(unprocessed.length)) {
        const key = request.DeleteRequest?.Key as Key;
        items.delete(JSON.stringify([key.userId, key.sk]));
      }
      return { UnprocessedItems: unprocessed.length ? { t: unprocessed } : {} };
    }
    throw new Error("unexpected command");
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, items, batches };
}

const keysOf = (userId: string, count: number, prefix = "EXP#") => Array.from({ length: count }, (_, i) => ({ userId, sk: `${prefix}${String(i).padStart(4, "0")}` }));
const noSleep = () => Promise.resolve();

describe("deletePartition", () => {
  it("deletes every item of the partition in batches of 25 across pages, and nothing of another user", async () => {
    const table = fakeTable([...keysOf("alice", 130), ...keysOf("alice", 7, "AGG#"), { userId: "alice", sk: "SET" }, ...keysOf("bob", 10)]);
    await expect(deletePartition({ client: table.client, tableName: "t", sleep: noSleep, pageLimit: 60 }, "alice")).resolves.toBe(138);
    expect([...table.items.values()].every((key) => key.userId === "bob")).toBe(true);
    expect(table.items.size).toBe(10);
    expect(Math.max(...table.batches)).toBe(25);
  });

  it("re-sends unprocessed deletes until they are done", async () => {
    const table = fakeTable(keysOf("alice", 60), { unprocessedOnCalls: new Set([0, 1, 3]) });
    await expect(deletePartition({ client: table.client, tableName: "t", sleep: noSleep }, "alice")).resolves.toBe(60);
    expect(table.items.size).toBe(0);
  });

  it("answers 503 when DynamoDB keeps leaving deletes unprocessed", async () => {
    const table = fakeTable(keysOf("alice", 5), { unprocessedOnCalls: new Set(Array.from({ length: 50 }, (_, i) => i)) });
    await expect(deletePartition({ client: table.client, tableName: "t", sleep: noSleep }, "alice")).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it("catches an item written while the first pass ran", async () => {
    const table = fakeTable(keysOf("alice", 30), { refillOnce: [{ userId: "alice", sk: "EXP#late" }] });
    await expect(deletePartition({ client: table.client, tableName: "t", sleep: noSleep }, "alice")).resolves.toBe(31);
    expect(table.items.size).toBe(0);
  });

  it("leaves the kept sort keys and stops when nothing else is left", async () => {
    const table = fakeTable([...keysOf("alice", 30), { userId: "alice", sk: "ACCOUNT#CLOSED" }]);
    await expect(deletePartition({ client: table.client, tableName: "t", sleep: noSleep }, "alice", new Set(["ACCOUNT#CLOSED"]))).resolves.toBe(30);
    expect([...table.items.values()]).toEqual([{ userId: "alice", sk: "ACCOUNT#CLOSED" }]);
  });

  it("is a no-op on an empty partition", async () => {
    const table = fakeTable(keysOf("bob", 3));
    await expect(deletePartition({ client: table.client, tableName: "t", sleep: noSleep }, "alice")).resolves.toBe(0);
    expect(table.batches).toEqual([]);
  });
});
