/**
 * A deleted account's marker. Cognito cannot revoke an access token it has already issued, so for up to an
 * hour after "Delete my account" a token (an open tab, a device left signed in, a stolen copy) still verifies.
 * The deletion writes this item first, then sweeps the partition around it; every transaction that writes a
 * user's items checks it is absent (lib/expenses/transact.ts), so nothing can be written to a deleted account
 * once the sweep has begun. It expires (TTL) long after the last token issued to the account has.
 */
import type { TransactItems } from "../expenses/transact";
import { DomainError } from "../errors";

export const CLOSED_ACCOUNT_SK = "ACCOUNT#CLOSED";
/** Access tokens live at most a day in Cognito; a week leaves room for retried function events. */
export const CLOSED_ACCOUNT_TTL_SECONDS = 7 * 24 * 3600;

export const closedAccountKey = (userId: string) => ({ userId, sk: CLOSED_ACCOUNT_SK });

export function closedAccountItem(userId: string, now: Date) {
  return { ...closedAccountKey(userId), closedAt: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + CLOSED_ACCOUNT_TTL_SECONDS };
}

/** The transaction action that holds while the account is open. */
export function accountIsOpen(tableName: string, userId: string): TransactItems[number] {
  return { ConditionCheck: { TableName: tableName, Key: closedAccountKey(userId), ConditionExpression: "attribute_not_exists(sk)" } };
}

/** A 401 of its own type, so that the app can say why instead of asking to sign in again. */
export class AccountClosedError extends DomainError {
  constructor() {
    super(401, "account-closed", "Account deleted", "This account has been deleted. Sign up again to keep using Ledgerline.");
  }
}
