import { createHmac, timingSafeEqual } from "node:crypto";
import { BadRequestError } from "./errors";

/** A DynamoDB LastEvaluatedKey as the document client returns it (string/number key attributes). */
export type PageKey = Record<string, string | number>;

export type CursorBinding = {
  /** Server secret (Resource.CursorSecret.value). */
  secret: string;
  /** The verified user: a cursor minted for one user is rejected for every other. */
  userId: string;
  /** Fingerprint of the query (index, filters) the key belongs to: a key is only valid for its own query. */
  scope: string;
};

const VERSION = "v1";

function sign(payload: string, { secret, userId, scope }: CursorBinding): Buffer {
  return createHmac("sha256", secret).update(`${VERSION}\n${userId}\n${scope}\n${payload}`).digest();
}

function invalid(): never {
  throw new BadRequestError("The cursor is invalid; start again from the first page.", [
    { path: "cursor", message: "is not a cursor this server issued for this query" },
  ]);
}

/**
 * Cursor = base64url(JSON(LastEvaluatedKey)) "." base64url(HMAC-SHA256). The key itself is not secret (it
 * holds only the caller's own ids), but it is what DynamoDB resumes from: signing it, bound to the user and
 * the query, stops a client from forging a key into another user's partition or another index.
 */
export function encodeCursor(key: PageKey, binding: CursorBinding): string {
  const payload = Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
  return `${payload}.${sign(payload, binding).toString("base64url")}`;
}

/** Verifies and decodes a cursor; anything tampered, truncated or minted for another user/query is a 400. */
export function decodeCursor(cursor: string, binding: CursorBinding): PageKey {
  const [payload, signature, ...rest] = cursor.split(".");
  if (!payload || !signature || rest.length > 0) return invalid();
  const expected = sign(payload, binding);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return invalid();
  }
  if (!isPageKey(key)) return invalid();
  return key;
}

function isPageKey(value: unknown): value is PageKey {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)));
}
