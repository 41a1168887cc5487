import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { touchedUserMonths } from "./touched-user-months";

/** The shape of AWS's documented DynamoDB stream event (Lambda developer guide), with this table's items. */
const fixture = readFileSync(new URL("./__fixtures__/dynamodb-stream-event.json", import.meta.url), "utf8");
const awsShapedEvent = (text = fixture): { Records: unknown[] } => JSON.parse(text);

const ALICE = "2f6b1c4e-8d1a-4a57-9f0e-3c2b1a0d9e8f";
const BOB = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

describe("touchedUserMonths", () => {
  it("reads a real-shaped stream event: insert, a month-moving edit (both months), a delete; aggregates skipped", () => {
    expect(touchedUserMonths(awsShapedEvent())).toEqual([
      { userId: ALICE, month: "2025-01" },
      { userId: ALICE, month: "2025-02" },
      { userId: BOB, month: "2024-12" },
    ]);
  });

  it("gives each user-month once, however many records touch it", () => {
    const event = awsShapedEvent();
    const twice = { Records: [...event.Records, ...event.Records] };
    expect(touchedUserMonths(twice)).toHaveLength(3);
  });

  it("skips records of other items even without images", () => {
    const event = { Records: [{ eventID: "9", eventName: "REMOVE", dynamodb: { Keys: { userId: { S: ALICE }, sk: { S: "IDEM#k" } } } }] };
    expect(touchedUserMonths(event)).toEqual([]);
  });

  it("refuses an expense record without images (a KEYS_ONLY stream) and names the record", () => {
    const event = { Records: [{ eventID: "7", eventName: "MODIFY", dynamodb: { Keys: { userId: { S: ALICE }, sk: { S: "EXP#x" } } } }] };
    expect(() => touchedUserMonths(event)).toThrow(/record 7 carries no image: the stream must be NEW_AND_OLD_IMAGES/);
  });

  it("refuses an expense image without a valid date", () => {
    const event = awsShapedEvent(fixture.replace('"date": { "S": "2025-01-15" }', '"date": { "S": "15/01/2025" }'));
    expect(() => touchedUserMonths(event)).toThrow(/record 1 has an expense image that does not parse/);
  });

  it("refuses what is not a stream event", () => {
    expect(() => touchedUserMonths({ Records: [{ dynamodb: { NewImage: { sk: { X: "?" } } } }] })).toThrow();
    expect(() => touchedUserMonths({})).toThrow();
    expect(() => touchedUserMonths(null)).toThrow();
  });
});
