/**
 * "Delete my account": the account is marked closed (lib/account/closed-account.ts: from then on no write of
 * the user's can land, even with a token that still verifies), then every other item of the user's partition
 * goes, every object of theirs in the bucket, then the Cognito user. The order makes a failure safe to retry:
 * until the last step the user can still sign in and send the request again, and each step is idempotent.
 * Table before bucket, so an upload still in flight finds its expense gone and the receipt function deletes
 * the file itself. Analytics objects need nothing
 * here: the stream's REMOVE records make the analytics function rebuild (and so empty) the user's months.
 */
import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ValidationError } from "../errors";
import type { RateLimiter } from "../rate-limit";
import type { ReceiptFiles } from "../receipts/receipt-files";
import { RECEIPTS_PREFIX } from "../receipts/receipt-keys";
import type { DeleteAccountRequest } from "../schemas";
import { CLOSED_ACCOUNT_SK, closedAccountItem } from "./closed-account";
import type { UserIdentity } from "./cognito-identity";
import { deletePartition } from "./delete-partition";

/** Where CSV imports are uploaded: `imports/<userId>/…` (DESIGN "Shape", functions/import.ts). */
export const IMPORTS_PREFIX = "imports/";

export type AccountDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  files: Pick<ReceiptFiles, "keysUnder" | "remove">;
  identity: UserIdentity;
  /** Counts the request as a write of the user (the sweep is the costliest request there is). */
  rateLimiter?: RateLimiter;
  now?: () => Date;
};

export type AccountUser = { userId: string; accessToken: string };

/** Cognito `sub`s are UUIDs; anything that could widen a bucket prefix is refused before any deletion. */
const USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Every bucket prefix that holds only this user's objects. */
export function userPrefixes(userId: string): string[] {
  if (!USER_ID.test(userId)) throw new Error("invalid user id for a bucket prefix");
  return [`${RECEIPTS_PREFIX}${userId}/`, `${IMPORTS_PREFIX}${userId}/`];
}

/** Emails are compared as Cognito compares usernames: case-insensitively, ignoring surrounding spaces. */
const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createAccounts({ client, tableName, files, identity, rateLimiter, now = () => new Date() }: AccountDeps) {
  return {
    /**
     * Deletes the signed-in user and everything they stored. `confirmEmail` must be their email as Cognito
     * holds it (asked with their own token), else a 422 and nothing is deleted.
     */
    async deleteAccount({ userId, accessToken }: AccountUser, { confirmEmail }: DeleteAccountRequest): Promise<void> {
      const prefixes = userPrefixes(userId);
      const email = await identity.emailOf(accessToken);
      if (!sameEmail(email, confirmEmail)) throw new ValidationError([{ path: "confirmEmail", message: "is not the email you sign in with" }]);
      await rateLimiter?.consume(userId);
      await client.send(new PutCommand({ TableName: tableName, Item: closedAccountItem(userId, now()) }));
      await deletePartition({ client, tableName }, userId, new Set([CLOSED_ACCOUNT_SK]));
      for (const prefix of prefixes) await files.remove(await files.keysUnder(prefix));
      await identity.deleteUser(accessToken);
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
