import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AccountClosedError } from "../account/closed-account";
import { ServiceUnavailableError } from "../errors";
import { problemResponse, toProblem } from "../http/problem";
import { transactWrite, TransactionRefused } from "./transact";

/** A document client whose every TransactWriteItems is cancelled with the given reasons. */
function cancelling(reasons: string[]) {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } }));
  const send = vi.spyOn(client, "send").mockImplementation(async () => {
    throw new TransactionCanceledException({ message: "cancelled", $metadata: {}, CancellationReasons: reasons.map((Code) => ({ Code })) });
  });
  return { client, send };
}

afterEach(() => vi.useRealTimers());

const put = (userId: string, sk: string) => ({ Put: { TableName: "t", Item: { userId, sk } } });
const twoItems = [put("alice", "EXP#1"), put("alice", "AGG#2025-03#Food")];

describe("transactWrite", () => {
  it("retries a conflicting transaction, then answers 503 with Retry-After instead of failing with a 500", async () => {
    vi.useFakeTimers();
    const { client, send } = cancelling(["None", "TransactionConflict", "None"]);
    const outcome = transactWrite(client, twoItems).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await outcome;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(send).toHaveBeenCalledTimes(10);
    expect(toProblem(error, "r")).toMatchObject({ status: 503, type: "https://ledgerline.dev/problems/service-unavailable" });
    expect(problemResponse(error).headers.get("retry-after")).toBe("1");
  });

  it("reports a failed condition at once, with the index that failed", async () => {
    const { client, send } = cancelling(["ConditionalCheckFailed", "None", "None"]);
    const error = await transactWrite(client, twoItems).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionRefused);
    expect(error instanceof TransactionRefused && error.failedAt(0)).toBe(true);
    expect(error instanceof TransactionRefused && error.reasons).toEqual(["ConditionalCheckFailed", "None"]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("checks the account is open in the same transaction, and answers 401 when it is closed", async () => {
    const { client, send } = cancelling(["None", "ConditionalCheckFailed", "ConditionalCheckFailed"]);
    const error = await transactWrite(client, twoItems).catch((e: unknown) => e);
    const sent = send.mock.calls[0]?.[0];
    expect(sent?.input).toMatchObject({
      TransactItems: [...twoItems, { ConditionCheck: { TableName: "t", Key: { userId: "alice", sk: "ACCOUNT#CLOSED" }, ConditionExpression: "attribute_not_exists(sk)" } }],
    });
    expect(error).toBeInstanceOf(AccountClosedError);
    expect(toProblem(error, "r")).toMatchObject({ status: 401, detail: "This account has been deleted. Sign up again to keep using Ledgerline." });
  });

  it("refuses a transaction over two users' partitions, an empty one, and one past 99 actions, sending nothing", async () => {
    const { client, send } = cancelling([]);
    await expect(transactWrite(client, [put("alice", "EXP#1"), put("bob", "EXP#1")])).rejects.toThrow("more than one user");
    await expect(transactWrite(client, [])).rejects.toThrow("empty");
    await expect(transactWrite(client, Array.from({ length: 100 }, (_, i) => put("alice", `EXP#${i}`)))).rejects.toThrow("at most 99");
    expect(send).not.toHaveBeenCalled();
  });
});
