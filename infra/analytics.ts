import { deployedRole } from "./roles";
import { bucket, table } from "./storage";

/** The sort-key prefix of expense items (DESIGN.md "Data model"); aggregates, imports and the rest are not analytics. */
export const expenseKeyPrefix = "EXP#";

/**
 * The QuickSight feed (DESIGN.md "Analytics / QuickSight"): functions/analytics.ts rebuilds
 * analytics/expenses/month=…/user=….ndjson in the Files bucket for each user-month a stream batch touches, reading
 * the month back from the table, so a replayed or reordered batch cannot corrupt the output.
 *
 * The subscription starts at the stream's LATEST position (SST fixes it): rows written before it exists are not
 * replayed, and the analytics backfill command rebuilds those from the table.
 */
export const analyticsSubscriber = table.subscribe(
  "Analytics",
  {
    handler: "functions/analytics.handler",
    link: [table, bucket],
    // A batch rewrites at most a few user-months (one Query and one PutObject each).
    timeout: "60 seconds",
    transform: deployedRole,
  },
  {
    // Expense items only (insert, modify and remove all carry the keys). The aggregate item written in the same
    // transaction would only make the function rebuild the same user-month twice.
    filters: [{ dynamodb: { Keys: { sk: { S: [{ prefix: expenseKeyPrefix }] } } } }],
    transform: {
      eventSourceMapping: (args) => {
        // A failing batch blocks its shard until it succeeds or is dropped: retry twice (as Lambda does for async
        // events), halving the batch on each error so one bad record cannot hold back the others. A record dropped
        // after that leaves its user-month stale until the next write to that month or a backfill rebuilds it.
        args.maximumRetryAttempts = 2;
        args.bisectBatchOnFunctionError = true;
        // An import writes hundreds of expenses at once: gather them for up to 5 s so that a batch of 100 rebuilds
        // each touched user-month once, not once per record; a single edit still reaches QuickSight within seconds.
        args.batchSize = 100;
        args.maximumBatchingWindowInSeconds = 5;
      },
    },
  },
);
