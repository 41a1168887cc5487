/**
 * The standalone functions the local runner serves and the events each is subscribed to — the local copy of
 * infra/functions.ts (one bucket notification: ObjectCreated:Post under receipts/ and imports/) and infra/analytics.ts (the
 * table's stream, expense items only). Handlers are imported
 * lazily, after the runner has put the stack's SST_RESOURCE_* and endpoint variables in process.env, because
 * their module scope builds SDK clients from that environment, as a Lambda's cold start does. A module may
 * export `shutdown`, which the runner calls when the stack stops (a worker thread would keep the process alive;
 * Lambda just freezes and discards the instance).
 */
import type { StreamFilterPattern } from "./dynamodb-stream-event";

export type LambdaHandler = (event: unknown) => Promise<unknown>;

export type LocalFunction = {
  name: string;
  // Method syntax on purpose: a handler declares the event type AWS sends it (S3Event, DynamoDBStreamEvent),
  // and the runner hands it the event built for its subscription.
  load: () => Promise<{ handler(event: unknown): Promise<unknown>; shutdown?: () => Promise<void> }>;
  /**
   * The function that gets an asynchronous event (S3, Invoke) once its retries are spent: Lambda's on-failure
   * destination, invoked with the invocation record (lib/events/async-invocation-failure.ts).
   */
  onFailure?: string;
};

export type S3Subscription = { functionName: string; eventNames: readonly string[]; prefix: string };

/** A `table.subscribe` on the Expenses table's stream: Lambda filter patterns (ORed) and its batch size. */
export type DynamoDbStreamSubscription = { functionName: string; filters: readonly StreamFilterPattern[]; batchSize: number };

export const LOCAL_FUNCTIONS: readonly LocalFunction[] = [
  { name: "receipt", load: () => import("../functions/receipt"), onFailure: "receipt-failed" },
  { name: "receipt-failed", load: () => import("../functions/receipt-failed") },
  { name: "analytics", load: () => import("../functions/analytics") },
  { name: "import", load: () => import("../functions/import") },
];

export const S3_SUBSCRIPTIONS: readonly S3Subscription[] = [
  { functionName: "receipt", eventNames: ["ObjectCreated:Post"], prefix: "receipts/" },
  { functionName: "import", eventNames: ["ObjectCreated:Post"], prefix: "imports/" },
];

/**
 * Functions the app invokes by name through Lambda's Invoke API (AWS_ENDPOINT_URL_LAMBDA locally): `resource` is
 * the SST link the caller reads the name from (`Resource.Import.name`).
 */
export const INVOKABLE_FUNCTIONS: readonly { name: string; resource: string }[] = [{ name: "import", resource: "Import" }];

/** infra/analytics.ts's subscription: the same filter (sk begins with EXP#) and batch size. */
export const DYNAMODB_STREAM_SUBSCRIPTIONS: readonly DynamoDbStreamSubscription[] = [
  { functionName: "analytics", filters: [{ dynamodb: { Keys: { sk: { S: [{ prefix: "EXP#" }] } } } }], batchSize: 100 },
];

/** A function behind a Function URL with response streaming; `resource` is its SST link name (`Resource.Export.url`). */
export type UrlFunction = { name: string; resource: string; load: () => Promise<{ handler: unknown }> };

export const URL_FUNCTIONS: readonly UrlFunction[] = [{ name: "export", resource: "Export", load: () => import("../functions/export") }];
