import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TooManyRequestsError } from "./errors";
import { createDocumentClient } from "./dynamo-client";
import { localRepository, localStackEnv } from "@/local/test-stack";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit";

const at = (iso: string) => () => new Date(iso);

function limiter(options: Partial<RateLimitOptions>) {
  const { client, tableName } = localRepository();
  return createRateLimiter({ client, tableName, limit: 25, windowSeconds: 60, lease: 10, now: at("2025-03-14T10:00:20Z"), ...options });
}

async function accepted(consume: () => Promise<void>, attempts: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      await consume();
      count++;
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
    }
  }
  return count;
}

describe("write rate limit", () => {
  it("takes back a refunded request, so it costs nothing", async () => {
    const user = randomUUID();
    const one = limiter({ limit: 2, lease: 1 });
    await one.consume(user);
    one.refund(user);
    expect(await accepted(() => one.consume(user), 5)).toBe(2);
  });

  it("keeps named counters apart: reads do not spend writes", async () => {
    const user = randomUUID();
    const writes = limiter({ limit: 3 });
    const reads = limiter({ limit: 3, counter: "read" });
    expect(await accepted(() => reads.consume(user), 5)).toBe(3);
    expect(await accepted(() => writes.consume(user), 5)).toBe(3);
  });

  it("accepts exactly the limit per window across two instances sharing the counter", async () => {
    const user = randomUUID();
    const a = limiter({});
    const b = limiter({});
    const total = (await accepted(() => a.consume(user), 15)) + (await accepted(() => b.consume(user), 15)) + (await accepted(() => a.consume(user), 5));
    expect(total).toBe(25);
  });

  it("says how long until the window ends", async () => {
    const user = randomUUID();
    const one = limiter({ limit: 1 });
    await one.consume(user);
    const error = await one.consume(user).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(40);
  });

  it("starts afresh in the next window", async () => {
    const user = randomUUID();
    await limiter({ limit: 1 }).consume(user);
    await expect(limiter({ limit: 1, now: at("2025-03-14T10:01:00Z") }).consume(user)).resolves.toBeUndefined();
  });

  it("keeps users apart", async () => {
    const shared = limiter({ limit: 1 });
    await shared.consume(randomUUID());
    await expect(shared.consume(randomUUID())).resolves.toBeUndefined();
  });

  it("grows a busy user's lease, so sustained writes cost few counter updates, and still stops at the limit", async () => {
    const user = randomUUID();
    const client = createDocumentClient({ endpoint: localStackEnv().AWS_ENDPOINT_URL_DYNAMODB });
    let updates = 0;
    client.middlewareStack.add(
      (next) => (args) => {
        updates++;
        return next(args);
      },
      { step: "initialize" },
    );
    // maxLease defaults to limit / 20 = 100: leases of 10, 20, 40, 80, then 100 each (8 leases for 500 writes).
    const busy = limiter({ client, limit: 2000 });
    expect(await accepted(() => busy.consume(user), 500)).toBe(500);
    expect(updates).toBe(8);
    const other = limiter({ limit: 2000 });
    expect((await accepted(() => busy.consume(user), 2000)) + (await accepted(() => other.consume(user), 2000))).toBe(1500);
  });
});
