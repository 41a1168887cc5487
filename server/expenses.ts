/**
 * The expenses repository of this deployment: table and cursor secret from SST's `Resource` links
 * (SST_RESOURCE_* locally), the write rate limit from the environment. Kept out of lib/, so lib/expenses is
 * built from plain parameters and tested without SST.
 */
import { Resource } from "sst";
import { z } from "zod";
import { sharedDocumentClient } from "@/lib/dynamo-client";
import { createRateLimiter, DEFAULT_WRITE_LIMIT, DEFAULT_WRITE_WINDOW_SECONDS } from "@/lib/rate-limit";
import { createExpenseRepository, type UserExpenses } from "@/lib/expenses/repository";

const RateLimitEnvSchema = z.object({
  LEDGERLINE_WRITE_LIMIT: z.coerce.number().int().min(1).default(DEFAULT_WRITE_LIMIT),
  LEDGERLINE_WRITE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_WRITE_WINDOW_SECONDS),
});

let repository: ((userId: string) => UserExpenses) | undefined;

/** The signed-in user's expenses; `userId` must come from server/auth's requireUser. Built on first use. */
export function expensesOf(userId: string): UserExpenses {
  if (!repository) {
    const client = sharedDocumentClient();
    const tableName = Resource.Expenses.name;
    const env = RateLimitEnvSchema.parse(process.env);
    repository = createExpenseRepository({
      client,
      tableName,
      cursorSecret: Resource.CursorSecret.value,
      rateLimiter: createRateLimiter({ client, tableName, limit: env.LEDGERLINE_WRITE_LIMIT, windowSeconds: env.LEDGERLINE_WRITE_WINDOW_SECONDS }),
    });
  }
  return repository(userId);
}
