/**
 * Runs functions/* locally the way Lambda does for asynchronous events: the same `handler` export, the same
 * event shape (one S3 record per event, key URL-encoded), the same SST_RESOURCE_* environment; a failed
 * invocation is retried twice, then given up with a log line. Every invocation prints one line.
 */
import type { S3Event } from "aws-lambda";
import { decodeEventKey } from "../lib/events/s3-object-created";
import { LOCAL_FUNCTIONS, S3_SUBSCRIPTIONS, type LambdaHandler, type LocalFunction, type S3Subscription } from "./functions";

export type Invocation = {
  functionName: string;
  /** What the line names: the object key for S3 events. */
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
  /** Waits before the 2nd and 3rd attempts. Lambda waits about 1 and 2 minutes; locally seconds are enough. */
  retryDelaysMs?: readonly number[];
  /** Invocations of one function at a time (Lambda scales out; a laptop has a few cores). */
  concurrency?: number;
  log?: (line: string) => void;
  onInvocation?: (invocation: Invocation) => void;
};

export type FunctionsRunner = {
  /** Gives the functions their environment; events that arrive earlier wait for it. */
  start(env: Record<string, string>): void;
  /** What the S3 bucket notification does: each matching record becomes one asynchronous invocation. */
  deliverS3(event: S3Event): void;
  /** Waits until every delivered event has finished (retries included). */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] ?? error.name : String(error);
}

function summary(result: unknown): string {
  if (!Array.isArray(result)) return "";
  const outcomes = result.flatMap((item: unknown) =>
    typeof item === "object" && item !== null && "outcome" in item && typeof item.outcome === "string" ? [item.outcome] : [],
  );
  return outcomes.length ? ` ${outcomes.join(", ")}` : "";
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
  const retryDelays = options.retryDelaysMs ?? [1_000, 2_000];
  const attempts = retryDelays.length + 1;
  const concurrency = options.concurrency ?? 4;
  const log = options.log ?? ((line: string) => console.log(line));

  let resolveEnv: (() => void) | undefined;
  const envReady = new Promise<void>((resolve) => (resolveEnv = resolve));
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const pending = new Set<Promise<void>>();
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  let isStopped = false;

  const handlerOf = (name: string): Promise<LambdaHandler> => {
    let loaded = handlers.get(name);
    if (!loaded) {
      const fn = functions.find((f) => f.name === name);
      if (!fn) throw new Error(`no local function named ${name}`);
      loaded = envReady.then(() => fn.load()).then((module) => module.handler);
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

  const invokeAsync = async (functionName: string, subject: string, event: unknown) => {
    const handler = await handlerOf(functionName);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await acquire(functionName);
      const started = performance.now();
      let invocation: Invocation;
      try {
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
      if (invocation.outcome !== "error") return;
      await sleep(retryDelays[attempt - 1] ?? 0);
    }
  };

  const track = (work: Promise<void>) => {
    const tracked = work
      .catch((error: unknown) => log(`λ runner error: ${describe(error)}`))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
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
          track(invokeAsync(subscription.functionName, key, { Records: [record] }));
        }
      }
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async stop() {
      isStopped = true;
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
