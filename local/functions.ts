/**
 * The standalone functions the local runner serves and the events each is subscribed to — the local copy of
 * infra/functions.ts (one bucket notification: ObjectCreated:Post under receipts/). Handlers are imported
 * lazily, after the runner has put the stack's SST_RESOURCE_* and endpoint variables in process.env, because
 * their module scope builds SDK clients from that environment, as a Lambda's cold start does.
 */
export type LambdaHandler = (event: unknown) => Promise<unknown>;

export type LocalFunction = {
  name: string;
  load: () => Promise<{ handler: LambdaHandler }>;
};

export type S3Subscription = { functionName: string; eventNames: readonly string[]; prefix: string };

export const LOCAL_FUNCTIONS: readonly LocalFunction[] = [{ name: "receipt", load: () => import("../functions/receipt") }];

export const S3_SUBSCRIPTIONS: readonly S3Subscription[] = [{ functionName: "receipt", eventNames: ["ObjectCreated:Post"], prefix: "receipts/" }];
