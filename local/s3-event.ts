import type { S3Event } from "aws-lambda";

export type ObjectCreatedName =
  | "ObjectCreated:Put"
  | "ObjectCreated:Post"
  | "ObjectCreated:Copy"
  | "ObjectCreated:CompleteMultipartUpload";

export type ObjectCreated = {
  eventName: ObjectCreatedName;
  bucket: string;
  /** The real key (decoded); the event carries it URL-encoded, as S3 does. */
  key: string;
  size: number;
  /** Without quotes, as in S3 events. */
  eTag: string;
  region: string;
  sourceIp: string;
  requestId: string;
  /** Orders events for one key; the sequencer is derived from it and `now`. */
  sequence: number;
  now: Date;
};

/**
 * S3 event notifications carry the key form-URL-encoded (space as `+`, `=` as `%3D`, `/` kept), which is
 * why handlers do `decodeURIComponent(key.replace(/\+/g, " "))`.
 */
export function eventKey(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, "+"))
    .join("/");
}

/** The record S3 sends to a subscribed Lambda after an object is created. */
export function objectCreatedEvent(input: ObjectCreated): S3Event {
  const sequencer =
    input.now.getTime().toString(16).toUpperCase().padStart(12, "0") +
    input.sequence.toString(16).toUpperCase().padStart(6, "0");
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: input.region,
        eventTime: input.now.toISOString(),
        eventName: input.eventName,
        userIdentity: { principalId: "AWS:S3RVER" },
        requestParameters: { sourceIPAddress: input.sourceIp },
        responseElements: {
          "x-amz-request-id": input.requestId,
          "x-amz-id-2": Buffer.from(input.requestId).toString("base64"),
        },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "local-object-created",
          bucket: {
            name: input.bucket,
            ownerIdentity: { principalId: "S3RVER" },
            arn: `arn:aws:s3:::${input.bucket}`,
          },
          object: { key: eventKey(input.key), size: input.size, eTag: input.eTag, sequencer },
        },
      },
    ],
  };
}
