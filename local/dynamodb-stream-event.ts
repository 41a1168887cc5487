/**
 * What Lambda's event source mapping does to each DynamoDB stream record before an invocation: the record as the
 * function receives it (the JSON shape of a `DynamoDBStreamEvent` record) and the subscription's event filtering.
 */
import type { AttributeValue as StreamAttributeValue, _Record as StreamRecord } from "@aws-sdk/client-dynamodb-streams";
import type { AttributeValue, DynamoDBRecord } from "aws-lambda";

/** One value test of Lambda event filtering: an exact value, `prefix` or `exists` (the part of the syntax implemented here; infra uses `prefix`). */
export type StreamFilterRule = string | number | boolean | null | { prefix: string } | { exists: boolean };
/** A Lambda filter pattern, e.g. `{ dynamodb: { Keys: { sk: { S: [{ prefix: "EXP#" }] } } } }`. */
export type StreamFilterPattern = { readonly [field: string]: StreamFilterPattern | readonly StreamFilterRule[] };

const isRuleList = (node: StreamFilterPattern | readonly StreamFilterRule[]): node is readonly StreamFilterRule[] => Array.isArray(node);
function fieldOf(value: unknown, field: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, field)) return undefined;
  const child: unknown = Reflect.get(value, field);
  return child;
}

function matchesRule(value: unknown, rule: StreamFilterRule): boolean {
  if (rule === null || typeof rule !== "object") return value === rule;
  if ("prefix" in rule) return typeof value === "string" && value.startsWith(rule.prefix);
  return (value !== undefined) === rule.exists;
}

function matchesPattern(value: unknown, pattern: StreamFilterPattern): boolean {
  return Object.entries(pattern).every(([field, node]) => {
    const child = fieldOf(value, field);
    return isRuleList(node) ? node.some((rule) => matchesRule(child, rule)) : matchesPattern(child, node);
  });
}

/** Lambda's rule: a record is delivered if it matches any of the filters (no filters: every record). */
export function matchesStreamFilters(record: DynamoDBRecord, filters: readonly StreamFilterPattern[]): boolean {
  return filters.length === 0 || filters.some((pattern) => matchesPattern(record, pattern));
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** The SDK's attribute value (binary as bytes) as Lambda's JSON event writes it (binary as base64 text). */
function toEventAttribute(value: StreamAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toEventImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toEventAttribute) };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  throw new Error(`unknown attribute value type: ${Object.keys(value).join()}`);
}

function toEventImage(image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toEventAttribute(value)]));
}

/**
 * A GetRecords record as Lambda delivers it: the same fields, ApproximateCreationDateTime in epoch seconds (the
 * SDK gives a Date), binary as base64, plus `eventSourceARN` (the stream). DynamoDB Local reports region
 * "ddblocal" and account 000000000000 in the record and the ARN; they are passed on as they are.
 */
export function toLambdaRecord(record: StreamRecord, eventSourceARN: string): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: {
      ...(change.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(change.ApproximateCreationDateTime.getTime() / 1000) } : {}),
      Keys: toEventImage(change.Keys ?? {}),
      ...(change.NewImage ? { NewImage: toEventImage(change.NewImage) } : {}),
      ...(change.OldImage ? { OldImage: toEventImage(change.OldImage) } : {}),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    },
    eventSourceARN,
    // TTL deletions carry the service as their author.
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
  };
}
