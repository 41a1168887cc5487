import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { userHashOf } from "./analytics-keys";
import { showsChanges, touchedUserMonths } from "./touched-user-months";

/** The shape of AWS's documented DynamoDB stream event (Lambda developer guide), with this table's items. */
const fixture = readFileSync(new URL("./__fixtures__/dynamodb-stream-event.json", import.meta.url), "utf8");
const awsShapedEvent = (text = fixture): { Records: unknown[] } => JSON.parse(text);

const ALICE = "2f6b1c4e-8d1a-4a57-9f0e-3c2b1a0d9e8f";
const BOB = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

const placesOf = (event: unknown) => touchedUserMonths(event).map(({ userId, month }) => ({ userId, month }));

describe("touchedUserMonths", () => {
  it("reads a real-shaped stream event: insert, a month-moving edit (both months), a delete; aggregates skipped", () => {
    expect(placesOf(awsShapedEvent())).toEqual([
      { userId: ALICE, month: "2025-01" },
      { userId: ALICE, month: "2025-02" },
      { userId: BOB, month: "2024-12" },
    ]);
  });

  it("says what each touched expense now is in each month: its row, or null where it left", () => {
    const [january, february, december] = touchedUserMonths(awsShapedEvent());
    expect([...(january?.changes ?? [])]).toEqual([
      ["01JHF9Z6Q8C7M5R4T3V2W1X0YZ", expect.objectContaining({ date: "2025-01-15", amount: 12.5, currency: "EUR", merchant: null, hasReceipt: false })],
      ["01JHFA1B2C3D4E5F6G7H8J9K0M", null],
    ]);
    expect(february?.changes.get("01JHFA1B2C3D4E5F6G7H8J9K0M")).toEqual({
      id: "01JHFA1B2C3D4E5F6G7H8J9K0M",
      user: userHashOf(ALICE),
      date: "2025-02-03",
      amount: 1234.5,
      currency: "KWD",
      category: "Travel",
      merchant: "Careem",
      hasReceipt: true,
    });
    expect([...(december?.changes ?? [])]).toEqual([["01JHFA9Q8R7S6T5V4W3X2Y1Z0A", null]]);
  });

  it("keeps the last change of an expense a batch changes twice", () => {
    const event = awsShapedEvent();
    const [, , move, remove] = event.Records;
    // The move (into February), then the same expense deleted from February.
    const deleted = JSON.parse(JSON.stringify(remove).replaceAll("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", ALICE).replaceAll("01JHFA9Q8R7S6T5V4W3X2Y1Z0A", "01JHFA1B2C3D4E5F6G7H8J9K0M").replaceAll("2024-12-24", "2025-02-03"));
    const february = touchedUserMonths({ Records: [move, deleted] }).find((t) => t.month === "2025-02");
    expect([...(february?.changes ?? [])]).toEqual([["01JHFA1B2C3D4E5F6G7H8J9K0M", null]]);
  });

  it("gives each user-month once, however many records touch it", () => {
    const event = awsShapedEvent();
    const twice = { Records: [...event.Records, ...event.Records] };
    expect(placesOf(twice)).toEqual(placesOf(event));
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

describe("showsChanges", () => {
  const row = { id: "A", user: "h", date: "2025-01-01", amount: 1, currency: "EUR", category: "Food", merchant: null, hasReceipt: false };
  const rows = new Map([["A", JSON.stringify(row)]]);

  it("is true when every changed expense already looks like that (or is already gone)", () => {
    expect(showsChanges(rows, new Map([["A", row]]))).toBe(true);
    expect(showsChanges(rows, new Map([["B", null]]))).toBe(true);
  });

  it("is false for a new, changed or removed row", () => {
    expect(showsChanges(rows, new Map([["B", { ...row, id: "B" }]]))).toBe(false);
    expect(showsChanges(rows, new Map([["A", { ...row, amount: 2 }]]))).toBe(false);
    expect(showsChanges(rows, new Map([["A", null]]))).toBe(false);
  });
});
