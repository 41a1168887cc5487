/** DynamoDB stream records for the local stream tests (event conversion and the poller). Tests only. */
import type { _Record as StreamRecord } from "@aws-sdk/client-dynamodb-streams";
import { DYNAMODB_STREAM_SUBSCRIPTIONS } from "./functions";

export const ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/T/stream/2026-12-01T19:36:21.128";
export const EXPENSES_ONLY = DYNAMODB_STREAM_SUBSCRIPTIONS[0]?.filters ?? [];

/** A record as DynamoDB Local's GetRecords returns it through the SDK (copied from a real answer). */
export function record(sequence: number, sk = `EXP#${sequence}`, eventName: "INSERT" | "MODIFY" | "REMOVE" = "INSERT"): StreamRecord {
  const image = { userId: { S: "u" }, sk: { S: sk }, dateKey: { S: `2025-01-01#${sequence}` }, amountMinor: { N: "100" } };
  return {
    eventID: `id-${sequence}`,
    eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "ddblocal",
    dynamodb: {
      ApproximateCreationDateTime: new Date("2026-12-01T19:36:00.000Z"),
      Keys: { sk: { S: sk }, userId: { S: "u" } },
      ...(eventName !== "REMOVE" ? { NewImage: image } : {}),
      ...(eventName !== "INSERT" ? { OldImage: image } : {}),
      SequenceNumber: String(sequence).padStart(21, "0"),
      SizeBytes: 72,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  };
}
