import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
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

describe("transactWrite", () => {
  it("retries a conflicting transaction, then answers 503 with Retry-After instead of failing with a 500", async () => {
    vi.useFakeTimers();
    const { client, send } = cancelling(["None", "TransactionConflict"]);
    const outcome = transactWrite(client, []).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await outcome;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(send).toHaveBeenCalledTimes(10);
    expect(toProblem(error, "r")).toMatchObject({ status: 503, type: "https://ledgerline.dev/problems/service-unavailable" });
    expect(problemResponse(error).headers.get("retry-after")).toBe("1");
  });

  it("reports a failed condition at once, with the index that failed", async () => {
    const { client, send } = cancelling(["ConditionalCheckFailed", "None"]);
    const error = await transactWrite(client, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionRefused);
    expect(error instanceof TransactionRefused && error.failedAt(0)).toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
