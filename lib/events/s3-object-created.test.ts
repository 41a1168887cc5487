import { describe, expect, it } from "vitest";
import { createdObjectsOf, decodeEventKey } from "./s3-object-created";

/** An ObjectCreated:Post record as S3 delivers it to Lambda (from AWS's documented example, key as S3 encodes it). */
function s3Event(encodedKey: string, eventName = "ObjectCreated:Post") {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "eu-west-1",
        eventTime: "2025-03-14T09:30:00.123Z",
        eventName,
        userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
        requestParameters: { sourceIPAddress: "203.0.113.7" },
        responseElements: { "x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "ReceiptUploaded",
          bucket: { name: "ledgerline-files", ownerIdentity: { principalId: "A3NL1KOZZKExample" }, arn: "arn:aws:s3:::ledgerline-files" },
          object: { key: encodedKey, size: 1024, eTag: "d41d8cd98f00b204e9800998ecf8427e", sequencer: "0055AED6DCD90281E5" },
        },
      },
    ],
  };
}

describe("S3 event adapter", () => {
  it("decodes a key with spaces (+) and unicode (%XX UTF-8) as S3 encodes them", () => {
    const [object] = createdObjectsOf(s3Event("receipts/u-1/Caf%C3%A9+Central/re%C3%A7u+1%2B1%3D2.jpg"));
    expect(object).toEqual({ eventName: "ObjectCreated:Post", bucket: "ledgerline-files", key: "receipts/u-1/Café Central/reçu 1+1=2.jpg", size: 1024 });
  });

  it("keeps an emoji and a literal percent sign", () => {
    expect(decodeEventKey("imports/%F0%9F%A7%BE+100%25.csv")).toBe("imports/🧾 100%.csv");
  });

  it("takes only ObjectCreated records", () => {
    expect(createdObjectsOf(s3Event("receipts/a", "ObjectRemoved:Delete"))).toEqual([]);
  });

  it("refuses something that is not an S3 event", () => {
    expect(() => createdObjectsOf({ Records: [{ eventName: "ObjectCreated:Post" }] })).toThrow();
    expect(() => createdObjectsOf({ detail: {} })).toThrow();
  });
});
