/**
 * This deployment's per-user rate limits, each a counter in the table (lib/rate-limit.ts) sized from the
 * environment: writes, reads (every authenticated GET) and exports.
 */
import { Resource } from "sst";
import { z } from "zod";
import { sharedDocumentClient } from "@/lib/dynamo-client";
import {
  createRateLimiter,
  DEFAULT_EXPORT_LIMIT,
  DEFAULT_EXPORT_WINDOW_SECONDS,
  DEFAULT_READ_LIMIT,
  DEFAULT_READ_WINDOW_SECONDS,
  DEFAULT_WRITE_LIMIT,
  DEFAULT_WRITE_WINDOW_SECONDS,
  type RateLimiter,
} from "@/lib/rate-limit";
import { parseDeploymentEnv } from "./deployment-env";

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const RateLimitEnvSchema = z.object({
  LEDGERLINE_WRITE_LIMIT: count(DEFAULT_WRITE_LIMIT),
  LEDGERLINE_WRITE_WINDOW_SECONDS: count(DEFAULT_WRITE_WINDOW_SECONDS),
  LEDGERLINE_READ_LIMIT: count(DEFAULT_READ_LIMIT),
  LEDGERLINE_READ_WINDOW_SECONDS: count(DEFAULT_READ_WINDOW_SECONDS),
  LEDGERLINE_EXPORT_LIMIT: count(DEFAULT_EXPORT_LIMIT),
  LEDGERLINE_EXPORT_WINDOW_SECONDS: count(DEFAULT_EXPORT_WINDOW_SECONDS),
});

export type RateLimiters = { writes: RateLimiter; reads: RateLimiter; exports: RateLimiter };

let limiters: RateLimiters | undefined;

/** Built on first use, so importing a route never reads `Resource` (next build imports every route). */
export function rateLimiters(): RateLimiters {
  if (limiters) return limiters;
  const env = parseDeploymentEnv(RateLimitEnvSchema);
  const shared = { client: sharedDocumentClient(), tableName: Resource.Expenses.name };
  limiters = {
    writes: createRateLimiter({ ...shared, limit: env.LEDGERLINE_WRITE_LIMIT, windowSeconds: env.LEDGERLINE_WRITE_WINDOW_SECONDS }),
    // Reads take bigger leases: one counter update per 50 reads keeps the limit off the read latency.
    reads: createRateLimiter({ ...shared, counter: "read", lease: 50, limit: env.LEDGERLINE_READ_LIMIT, windowSeconds: env.LEDGERLINE_READ_WINDOW_SECONDS }),
    exports: createRateLimiter({ ...shared, counter: "export", lease: 1, limit: env.LEDGERLINE_EXPORT_LIMIT, windowSeconds: env.LEDGERLINE_EXPORT_WINDOW_SECONDS }),
  };
  return limiters;
}
