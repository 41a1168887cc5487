import { createHash } from "node:crypto";
import { z } from "zod";
import { DomainError } from "./errors";

/** How long a key is remembered: a client retrying after a day is making a new request. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(422, "idempotency-key-reused", "Idempotency key reused", "This Idempotency-Key was already used with a different request body.", {
      errors: [{ path: "Idempotency-Key", message: "was already used with a different request body" }],
    });
  }
}

/** JSON with sorted keys and bigints as strings, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Hash of the *validated* request, so "12.3" and "12.30" (the same amount) or a different key order are the
 * same request, while any change of meaning is a different one.
 */
export function requestHash(input: unknown): string {
  return createHash("sha256").update(canonicalJson(input)).digest("base64url");
}

export const StoredResponseSchema = z.object({ status: z.number().int(), body: z.string() });
export type StoredResponse = z.infer<typeof StoredResponseSchema>;

export const IdempotencyRecordSchema = z.object({
  requestHash: z.string(),
  response: StoredResponseSchema,
  createdAt: z.string(),
  ttl: z.number().int(),
});
export type IdempotencyRecord = z.infer<typeof IdempotencyRecordSchema>;

export function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

export function idempotencyRecord(hash: string, response: StoredResponse, now: Date): IdempotencyRecord {
  return { requestHash: hash, response, createdAt: now.toISOString(), ttl: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS };
}

/** DynamoDB deletes expired items lazily (up to days later), so expiry is checked on read as well. */
export function isLive(record: Pick<IdempotencyRecord, "ttl">, now: Date): boolean {
  return record.ttl > epochSeconds(now);
}

/** The stored response for a retry of the same request; a different request under the same key is a 422. */
export function replay(record: IdempotencyRecord, hash: string): StoredResponse {
  if (record.requestHash !== hash) throw new IdempotencyKeyReusedError();
  return record.response;
}
