/**
 * Where the analytics feed lives in the Files bucket (DESIGN.md "Analytics / QuickSight"):
 *   analytics/quicksight-manifest.json                      the QuickSight S3 manifest (points at the prefix below)
 *   analytics/expenses/month=YYYY-MM/user=<hash>.ndjson     one object per user-month, rebuilt from the table
 * `month=` is a Hive-style partition, so Athena (`PARTITIONED BY (month string)`) and QuickSight read the same objects.
 */
import { createHash } from "node:crypto";

export const ANALYTICS_PREFIX = "analytics/";
export const ANALYTICS_EXPENSES_PREFIX = "analytics/expenses/";
export const QUICKSIGHT_MANIFEST_KEY = "analytics/quicksight-manifest.json";

/** One user's expenses in one calendar month: the unit the feed rebuilds. */
export type UserMonth = { userId: string; month: string };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_OBJECT_KEY = /^analytics\/expenses\/month=(\d{4}-(?:0[1-9]|1[0-2]))\/user=([0-9a-f]{32})\.ndjson$/;

/**
 * The pseudonym of a user in the feed: the first 32 hex digits (128 bits) of sha256(userId).
 *
 * No salt, on purpose. A salt protects hashes of guessable inputs (emails, phone numbers) from a dictionary; the
 * userId is a Cognito `sub`, a random UUID (122 random bits) that says nothing about the person and cannot be
 * enumerated, so its plain hash is already unlinkable for whoever reads only the feed. Whoever can read the table
 * has the userIds anyway. A secret salt would add a secret to rotate, and rotating it would rename every object.
 * What the hash does buy: the raw id (the table's partition key, also in receipt object keys) never reaches
 * analysts, and the same user keeps the same pseudonym across months and rebuilds.
 */
export function userHashOf(userId: string): string {
  return createHash("sha256").update(userId, "utf8").digest("hex").slice(0, 32);
}

export function monthObjectKey(month: string, userHash: string): string {
  if (!MONTH.test(month)) throw new Error(`not a YYYY-MM month: ${month}`);
  return `${ANALYTICS_EXPENSES_PREFIX}month=${month}/user=${userHash}.ndjson`;
}

export function userMonthKey({ userId, month }: UserMonth): string {
  return monthObjectKey(month, userHashOf(userId));
}

/** The month and user hash a feed object's key names, or undefined for any other key. */
export function parseMonthObjectKey(key: string): { month: string; userHash: string } | undefined {
  const match = MONTH_OBJECT_KEY.exec(key);
  if (!match) return undefined;
  const [, month = "", userHash = ""] = match;
  return { month, userHash };
}

/** The manifest QuickSight's S3 data source is given: every object under analytics/expenses/, as JSON. */
export function quicksightManifest(bucket: string): string {
  return JSON.stringify({
    fileLocations: [{ URIPrefixes: [`s3://${bucket}/${ANALYTICS_EXPENSES_PREFIX}`] }],
    globalUploadSettings: { format: "JSON" },
  });
}
