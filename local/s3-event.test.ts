import { describe, expect, it } from "vitest";
import { eventKey, objectCreatedEvent } from "./s3-event";

describe("eventKey", () => {
  it("form-encodes the key as S3 notifications do, keeping slashes", () => {
    expect(eventKey("receipts/u1/My Receipt=1.jpg")).toBe("receipts/u1/My+Receipt%3D1.jpg");
    expect(eventKey("a+b/ü.png")).toBe("a%2Bb/%C3%BC.png");
  });

  it("round-trips through the decoding every S3 handler does", () => {
    const key = "imports/u 1/bank export (März)+x.csv";
    expect(decodeURIComponent(eventKey(key).replace(/\+/g, " "))).toBe(key);
  });
});

describe("objectCreatedEvent", () => {
  it("builds the record a subscribed Lambda receives", () => {
    const now = new Date("2025-03-01T10:00:00.000Z");
    const event = objectCreatedEvent({
      eventName: "ObjectCreated:Post",
      bucket: "files",
      key: "receipts/a b.png",
      size: 12,
      eTag: "abc",
      region: "us-east-1",
      sourceIp: "127.0.0.1",
      requestId: "REQ",
      sequence: 1,
      now,
    });
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventSource: "aws:s3",
      eventName: "ObjectCreated:Post",
      eventTime: "2025-03-01T10:00:00.000Z",
      awsRegion: "us-east-1",
      s3: {
        bucket: { name: "files", arn: "arn:aws:s3:::files" },
        object: { key: "receipts/a+b.png", size: 12, eTag: "abc" },
      },
    });
  });
});
