import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TooManyRequestsError } from "./errors";

export type RateLimitOptions = {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Requests allowed per user per window. */
  limit: number;
  windowSeconds: number;
  /** Writes this process takes from the shared counter at once at first (see createRateLimiter). Default 10. */
  lease?: number;
  /** The most a busy user's lease grows to (see createRateLimiter). Default max(lease, limit / 20). */
  maxLease?: number;
  /** Names the counter when a user has several (reads, exports); writes keep the unnamed one. */
  counter?: string;
  now?: () => Date;
};

/** Default: 300 writes a minute per user — far above a person typing, low enough to stop a runaway script. */
export const DEFAULT_WRITE_LIMIT = 300;
export const DEFAULT_WRITE_WINDOW_SECONDS = 60;
/** Reads: a page load makes a handful; 3,000 a minute lets a person click freely and stops a scraper. */
export const DEFAULT_READ_LIMIT = 3000;
export const DEFAULT_READ_WINDOW_SECONDS = 60;
/** Exports read every expense; 20 a minute is more than anyone downloads by hand. */
export const DEFAULT_EXPORT_LIMIT = 20;
export const DEFAULT_EXPORT_WINDOW_SECONDS = 60;
const DEFAULT_LEASE = 10;

export type RateLimiter = {
  consume(userId: string): Promise<void>;
  /** Gives back what the last consume took, when the request turned out to cost nothing (a replay). */
  refund(userId: string): void;
};

/** Share of the limit one lease may reach: losing a lease stops a user at most this much early, per extra instance. */
const MAX_LEASE_SHARE_OF_LIMIT = 1 / 20;

type Lease = { left: number; size: number; fetching?: Promise<boolean> };

/**
 * Fixed-window counter per user in the table (item userId | RATE#<window start>, with a ttl), so the limit
 * holds across Lambda instances. To keep a DynamoDB write off most requests, a process takes a *lease* of
 * `lease` writes with one conditional ADD (the counter never passes `limit`) and spends it locally. A user
 * who spends whole leases gets twice the lease next time, up to `maxLease`, so a sustained writer costs
 * one counter update per many writes; near the limit it falls back to `lease`, then to single writes.
 * Leases left unspent by an instance that stops serving the user are lost, so a user may be stopped up to
 * (instances - 1) x (maxLease - 1) writes early — never late.
 */
export function createRateLimiter({
  client,
  tableName,
  limit,
  windowSeconds,
  lease: leaseSize = DEFAULT_LEASE,
  maxLease = Math.max(leaseSize, Math.floor(limit * MAX_LEASE_SHARE_OF_LIMIT)),
  counter,
  now = () => new Date(),
}: RateLimitOptions): RateLimiter {
  const prefix = counter ? `RATE#${counter}#` : "RATE#";
  /** Per window and user: writes left in this process's lease, and the lease being fetched, if any. */
  const leases = new Map<string, Lease>();

  /** One conditional ADD on the shared counter: false when `size` more would pass the limit. */
  async function take(userId: string, windowStart: number, size: number): Promise<boolean> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { userId, sk: `${prefix}${windowStart}` },
          UpdateExpression: "ADD #count :size SET #ttl = :ttl",
          ConditionExpression: "attribute_not_exists(#count) OR #count <= :room",
          ExpressionAttributeNames: { "#count": "count", "#ttl": "ttl" },
          ExpressionAttributeValues: { ":size": size, ":room": limit - size, ":ttl": windowStart + 2 * windowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Takes the user's current lease (doubling it for next time), else the base lease, else a single write near
   * the limit (and the lease stops growing); false when not even one write is left.
   */
  function fetchLease(lease: Lease, userId: string, windowStart: number): Promise<boolean> {
    lease.fetching = (async () => {
      const sizes = [...new Set([lease.size, leaseSize, 1])].filter((size) => size >= 1 && size <= limit);
      for (const size of sizes) {
        if (await take(userId, windowStart, size)) {
          lease.left += size;
          lease.size = size === lease.size ? Math.min(maxLease, size * 2) : size;
          return true;
        }
      }
      return false;
    })().finally(() => {
      lease.fetching = undefined;
    });
    return lease.fetching;
  }

  function windowOf(): { nowSeconds: number; windowStart: number } {
    const nowSeconds = Math.floor(now().getTime() / 1000);
    return { nowSeconds, windowStart: nowSeconds - (nowSeconds % windowSeconds) };
  }

  return {
    refund(userId) {
      // Back into this process's lease: the shared counter keeps it, so the next request here spends it.
      const lease = leases.get(`${windowOf().windowStart}|${userId}`);
      if (lease) lease.left++;
    },
    async consume(userId) {
      const { nowSeconds, windowStart } = windowOf();
      const key = `${windowStart}|${userId}`;
      let lease = leases.get(key);
      if (!lease) {
        for (const old of leases.keys()) if (!old.startsWith(`${windowStart}|`)) leases.delete(old);
        lease = { left: 0, size: leaseSize };
        leases.set(key, lease);
      }
      for (;;) {
        if (lease.left > 0) {
          lease.left--;
          return;
        }
        // Concurrent writes of one user wait for the lease being fetched instead of each taking one.
        const fetched = await (lease.fetching ?? fetchLease(lease, userId, windowStart));
        if (!fetched) break;
      }
      throw new TooManyRequestsError(Math.max(1, windowStart + windowSeconds - nowSeconds));
    },
  };
}
