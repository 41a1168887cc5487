/**
 * Runs functions/* locally the way Lambda does for asynchronous events: the same `handler` export, the same
 * event shape (one S3 record per event, key URL-encoded; DynamoDB stream batches as the stream poller builds
 * them), the same SST_RESOURCE_* environment; a failed invocation is retried twice, then given up with a log
 * line. Every invocation prints one line.
 */
import { randomUUID } from "node:crypto";
import type { DynamoDBStreamEvent, S3Event } from "aws-lambda";
import { decodeEventKey } from "../lib/events/s3-object-created";
import { LOCAL_FUNCTIONS, S3_SUBSCRIPTIONS, type LambdaHandler, type LocalFunction, type S3Subscription, type UrlFunction } from "./functions";
import { DYNAMODB_STREAM_SUBSCRIPTIONS, type DynamoDbStreamSubscription } from "./functions";
import { installLambdaStreamingGlobals, isStreamingHandler, type StreamingHandler } from "./lambda-streaming";

export type Invocation = {
  functionName: string;
  /** What the line names: the object key for S3 events, "N records" for a stream batch. */
  subject: string;
  attempt: number;
  durationMs: number;
  outcome: "ok" | "error" | "gave-up";
  error?: string;
  result?: unknown;
};

export type FunctionsRunnerOptions = {
  functions?: readonly LocalFunction[];
  subscriptions?: readonly S3Subscription[];
  /** The functions on the table's stream (local/stack.ts starts one stream poller per entry). */
  streamSubscriptions?: readonly DynamoDbStreamSubscription[];
  /** Waits before the 2nd and 3rd attempts. Lambda waits about 1 and 2 minutes; locally seconds are enough. */
  retryDelaysMs?: readonly number[];
  /** Invocations of one function at a time (Lambda scales out; a laptop has a few cores). */
  concurrency?: number;
  log?: (line: string) => void;
  onInvocation?: (invocation: Invocation) => void;
  /**
   * Fault injection, for the chaos benchmark only (never an environment variable: deployed code must not be
   * able to see it): when it returns a message for an attempt, that attempt throws it instead of running the handler.
   */
  injectFailure?: (attempt: { functionName: string; subject: string; attempt: number }) => string | undefined;
};

/** Lambda's on-failure destination record for an asynchronous event whose attempts all failed. */
export function asyncFailureRecord(functionName: string, event: unknown, attempts: number, error: string, at: Date) {
  return {
    version: "1.0",
    timestamp: at.toISOString(),
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:us-east-1:000000000000:function:ledgerline-local-${functionName}:$LATEST`,
      condition: "RetriesExhausted",
      approximateInvokeCount: attempts,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: { errorType: "Error", errorMessage: error },
  };
}

export type FunctionsRunner = {
  /** Gives the functions their environment; events that arrive earlier wait for it. */
  start(env: Record<string, string>): void;
  /** What the S3 bucket notification does: each matching record becomes one asynchronous invocation. */
  deliverS3(event: S3Event): void;
  readonly streamSubscriptions: readonly DynamoDbStreamSubscription[];
  /**
   * What a stream's event source mapping does with one batch (already filtered and sized by the poller): invokes
   * the named function (default: every stream subscriber) and resolves when it is done with the batch, retries
   * included, so that the poller sends a shard's next batch only then.
   */
  deliverDynamoDbStream(event: DynamoDBStreamEvent, functionName?: string): Promise<void>;
  /** Lambda's asynchronous Invoke (InvocationType Event): the payload is delivered like an event, with retries. */
  invokeEvent(functionName: string, payload: unknown): void;
  /** Where the runner's lines go (the Function URL emulation prints its own there too). */
  log(line: string): void;
  /** A Function URL's streaming handler, loaded (once) after start() with the runtime's streaming globals. */
  streamingHandler(fn: UrlFunction): Promise<StreamingHandler>;
  /** Waits until every delivered event has finished (retries included). */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] ?? error.name : String(error);
}

/** The outcomes a handler returned, counted: "ready", "ready (scan done)", or "written ×3, deleted" for a stream batch. */
function summary(result: unknown): string {
  if (!Array.isArray(result)) return "";
  const counts = new Map<string, number>();
  for (const item of result) {
    if (typeof item === "object" && item !== null && "outcome" in item && typeof item.outcome === "string") {
      // A receipt scan's photo is also read: "ready (scan done)".
      const label = "scan" in item && typeof item.scan === "string" ? `${item.outcome} (scan ${item.scan})` : item.outcome;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  const parts = [...counts].map(([outcome, count]) => (count === 1 ? outcome : `${outcome} ×${count}`));
  return parts.length ? ` ${parts.join(", ")}` : "";
}

export function formatInvocation(invocation: Invocation, attempts: number): string {
  const head = `λ ${invocation.functionName.padEnd(8)} ${invocation.subject}  ${String(invocation.durationMs).padStart(5)} ms`;
  if (invocation.outcome === "ok") return `${head}  ok${summary(invocation.result)}`;
  if (invocation.outcome === "gave-up") return `${head}  FAILED after ${attempts} attempts: ${invocation.error ?? ""}`;
  return `${head}  error (attempt ${invocation.attempt} of ${attempts}, will retry): ${invocation.error ?? ""}`;
}

export function createFunctionsRunner(options: FunctionsRunnerOptions = {}): FunctionsRunner {
  const functions = options.functions ?? LOCAL_FUNCTIONS;
  const subscriptions = options.subscriptions ?? S3_SUBSCRIPTIONS;
  const streamSubscriptions = options.streamSubscriptions ?? DYNAMODB_STREAM_SUBSCRIPTIONS;
  const retryDelays = options.retryDelaysMs ?? [1_000, 2_000];
  const attempts = retryDelays.length + 1;
  const concurrency = options.concurrency ?? 4;
  const log = options.log ?? ((line: string) => console.log(line));

  let resolveEnv: (() => void) | undefined;
  const envReady = new Promise<void>((resolve) => (resolveEnv = resolve));
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const shutdowns: Promise<(() => Promise<void>) | undefined>[] = [];
  const streaming = new Map<string, Promise<StreamingHandler>>();
  const pending = new Set<Promise<void>>();
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  let isStopped = false;

  const handlerOf = (name: string): Promise<LambdaHandler> => {
    let loaded = handlers.get(name);
    if (!loaded) {
      const fn = functions.find((f) => f.name === name);
      if (!fn) throw new Error(`no local function named ${name}`);
      const loadedModule = envReady.then(() => fn.load());
      shutdowns.push(loadedModule.then((m) => m.shutdown).catch(() => undefined));
      loaded = loadedModule.then((m) => m.handler);
      handlers.set(name, loaded);
    }
    return loaded;
  };

  const acquire = async (name: string) => {
    while ((running.get(name) ?? 0) >= concurrency) {
      await new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
    }
    running.set(name, (running.get(name) ?? 0) + 1);
  };
  const release = (name: string) => {
    running.set(name, (running.get(name) ?? 1) - 1);
    const [next, ...rest] = waiting.get(name) ?? [];
    waiting.set(name, rest);
    next?.();
  };

  /** `isAsyncEvent`: an S3 event or an Invoke (not a stream batch), which goes to the on-failure destination when it gives up. */
  const invokeAsync = async (functionName: string, subject: string, event: unknown, isAsyncEvent = false): Promise<void> => {
    const handler = await handlerOf(functionName);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await acquire(functionName);
      const started = performance.now();
      let invocation: Invocation;
      try {
        const injected = options.injectFailure?.({ functionName, subject, attempt });
        if (injected !== undefined) throw new Error(injected);
        // A fresh copy per attempt: a handler that mutates its event must not change the retry's.
        const result = await handler(structuredClone(event));
        invocation = { functionName, subject, attempt, durationMs: Math.round(performance.now() - started), outcome: "ok", result };
      } catch (error) {
        const outcome = attempt < attempts ? "error" : "gave-up";
        invocation = { functionName, subject, attempt, durationMs: Math.round(performance.now() - started), outcome, error: describe(error) };
      } finally {
        release(functionName);
      }
      log(formatInvocation(invocation, attempts));
      options.onInvocation?.(invocation);
      const destination = functions.find((f) => f.name === functionName)?.onFailure;
      if (invocation.outcome === "gave-up" && isAsyncEvent && destination !== undefined) {
        const record = asyncFailureRecord(functionName, event, attempts, invocation.error ?? "", new Date());
        track(invokeAsync(destination, `on-failure of ${subject}`, record, true));
      }
      if (invocation.outcome !== "error") return;
      await sleep(retryDelays[attempt - 1] ?? 0);
    }
  };

  const track = (work: Promise<void>): Promise<void> => {
    const tracked = work
      .catch((error: unknown) => log(`λ runner error: ${describe(error)}`))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
    return tracked;
  };

  return {
    start(env) {
      Object.assign(process.env, env);
      resolveEnv?.();
    },
    deliverS3(event) {
      if (isStopped) return;
      for (const record of event.Records) {
        const eventName = record.eventName;
        const key = decodeEventKey(record.s3.object.key);
        for (const subscription of subscriptions) {
          if (!subscription.eventNames.includes(eventName) || !key.startsWith(subscription.prefix)) continue;
          track(invokeAsync(subscription.functionName, key, { Records: [record] }, true));
        }
      }
    },
    streamSubscriptions,
    deliverDynamoDbStream(event, functionName) {
      if (isStopped || event.Records.length === 0) return Promise.resolve();
      const names = functionName === undefined ? streamSubscriptions.map((s) => s.functionName) : [functionName];
      const subject = `${event.Records.length} record${event.Records.length === 1 ? "" : "s"}`;
      return track(Promise.all(names.map((name) => invokeAsync(name, subject, event))).then(() => undefined));
    },
    invokeEvent(functionName, payload) {
      if (isStopped) return;
      const subject = typeof payload === "object" && payload !== null && "action" in payload ? `invoke ${String(payload.action)}` : "invoke";
      track(invokeAsync(functionName, subject, payload, true));
    },
    log,
    streamingHandler(fn) {
      const key = `url:${fn.name}`;
      let loaded = streaming.get(key);
      if (!loaded) {
        loaded = envReady.then(async () => {
          installLambdaStreamingGlobals();
          const { handler } = await fn.load();
          if (!isStreamingHandler(handler)) throw new Error(`functions/${fn.name}: handler is not wrapped in awslambda.streamifyResponse`);
          return handler;
        });
        streaming.set(key, loaded);
      }
      return loaded;
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async stop() {
      isStopped = true;
      while (pending.size) await Promise.allSettled([...pending]);
      for (const shutdown of await Promise.all(shutdowns)) await shutdown?.();
    },
  };
}
