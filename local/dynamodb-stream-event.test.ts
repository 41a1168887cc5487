import type { _Record as StreamRecord } from "@aws-sdk/client-dynamodb-streams";
import { describe, expect, it } from "vitest";
import { matchesStreamFilters, toLambdaRecord } from "./dynamodb-stream-event";
import { ARN, EXPENSES_ONLY, record } from "./test-stream-records";

describe("the stream's record as Lambda delivers it", () => {
  it("keeps every field, turns the creation time into epoch seconds and binary into base64, names the stream", () => {
    const raw = record(2);
    const withBinary: StreamRecord = { ...raw, dynamodb: { ...raw.dynamodb, NewImage: { ...raw.dynamodb?.NewImage, b: { B: Uint8Array.from([1, 2, 255]) }, l: { L: [{ SS: ["a"] }, { M: { n: { NULL: true } } }] } } } };
    expect(toLambdaRecord(withBinary, ARN)).toEqual({
      eventID: "id-2",
      eventName: "INSERT",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "ddblocal",
      dynamodb: {
        ApproximateCreationDateTime: Date.parse("2026-12-01T19:36:00.000Z") / 1000,
        Keys: { sk: { S: "EXP#2" }, userId: { S: "u" } },
        NewImage: { userId: { S: "u" }, sk: { S: "EXP#2" }, dateKey: { S: "2025-01-01#2" }, amountMinor: { N: "100" }, b: { B: "AQL/" }, l: { L: [{ SS: ["a"] }, { M: { n: { NULL: true } } }] } },
        SequenceNumber: "000000000000000000002",
        SizeBytes: 72,
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
      eventSourceARN: ARN,
    });
  });

  it("carries the service identity of a TTL deletion", () => {
    const ttl: StreamRecord = { ...record(3, "IDEM#k", "REMOVE"), userIdentity: { Type: "Service", PrincipalId: "dynamodb.amazonaws.com" } };
    expect(toLambdaRecord(ttl, ARN).userIdentity).toEqual({ type: "Service", principalId: "dynamodb.amazonaws.com" });
  });
});

describe("Lambda event filtering", () => {
  const lambdaRecord = (sk: string) => toLambdaRecord(record(1, sk), ARN);

  it("keeps expense items and drops the rest, with the infra's filter", () => {
    expect(matchesStreamFilters(lambdaRecord("EXP#01J"), EXPENSES_ONLY)).toBe(true);
    expect(matchesStreamFilters(lambdaRecord("AGG#2025-01"), EXPENSES_ONLY)).toBe(false);
    expect(matchesStreamFilters(lambdaRecord("xEXP#"), EXPENSES_ONLY)).toBe(false);
  });

  it("ORs the patterns, ANDs the fields of one, and knows exact values and exists", () => {
    const insertsOfAggregates = { eventName: ["INSERT"], dynamodb: { Keys: { sk: { S: [{ prefix: "AGG#" }] } } } };
    expect(matchesStreamFilters(lambdaRecord("AGG#1"), [...EXPENSES_ONLY, insertsOfAggregates])).toBe(true);
    expect(matchesStreamFilters(toLambdaRecord(record(1, "AGG#1", "MODIFY"), ARN), [insertsOfAggregates])).toBe(false);
    expect(matchesStreamFilters(lambdaRecord("EXP#1"), [{ dynamodb: { OldImage: [{ exists: false }] } }])).toBe(true);
    expect(matchesStreamFilters(lambdaRecord("EXP#1"), [{ dynamodb: { NewImage: [{ exists: false }] } }])).toBe(false);
    expect(matchesStreamFilters(lambdaRecord("EXP#1"), [])).toBe(true);
  });
});
