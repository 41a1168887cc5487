/**
 * The chaos benchmark's HTTP side: one attempt = one request to 127.0.0.1 with a hard client timeout, recorded
 * with its phase (before, during or after the DynamoDB outage), status and latency; `withRetries` is what a
 * careful client does with 503/429 (waits Retry-After), timeouts and refused connections.
 */
export type Phase = "before" | "during" | "after";
export type Outcome = number | "timeout" | "network";
export type Attempt = { op: string; phase: Phase; outcome: Outcome; ms: number; /** A 5xx problem's detail, to tell an outage from contention. */ detail?: string };
export type Answer = { status: number; headers: Headers; text: string };

/** Longer than any answer should take (5 s): an attempt still waiting then counts as a hang. */
export const CLIENT_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 10;
/** A client gives up on one operation after this long; an operation begun during the outage still outlasts it. */
const RETRY_BUDGET_MS = 30_000;

export type Outage = { startedAt?: number; endedAt?: number };

export function phaseAt(outage: Outage, at: number): Phase {
  if (outage.startedAt === undefined || at < outage.startedAt) return "before";
  if (outage.endedAt === undefined || at < outage.endedAt) return "during";
  return "after";
}

export function createClient(base: string, outage: Outage) {
  const attempts: Attempt[] = [];
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function once(op: string, url: string, init: RequestInit): Promise<Answer | Exclude<Outcome, number>> {
    const started = Date.now();
    const phase = phaseAt(outage, started);
    try {
      const res = await fetch(url.startsWith("http") ? url : base + url, { ...init, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      const text = await res.text();
      const detail = res.status >= 500 ? /"detail":"([^"]*)"/.exec(text)?.[1] : undefined;
      attempts.push({ op, phase, outcome: res.status, ms: Date.now() - started, ...(detail !== undefined ? { detail } : {}) });
      return { status: res.status, headers: res.headers, text };
    } catch (error) {
      const outcome = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError") ? "timeout" : "network";
      attempts.push({ op, phase, outcome, ms: Date.now() - started });
      return outcome;
    }
  }

  /**
   * Sends until an answer that is not worth retrying (anything but 503, 429, a timeout or a network error),
   * waiting Retry-After (or a short back-off) in between; the same `init` every time, so a create keeps its
   * Idempotency-Key. `retried` says whether an earlier attempt may have been applied without an answer.
   */
  async function withRetries(op: string, url: string, init: RequestInit): Promise<{ answer?: Answer; retried: boolean }> {
    const deadline = Date.now() + RETRY_BUDGET_MS;
    let retried = false;
    for (let attempt = 1; ; attempt++) {
      const result = await once(op, url, init);
      const isRetryable = typeof result !== "object" || result.status === 503 || result.status === 429;
      if (!isRetryable) return { answer: result, retried };
      if (attempt >= MAX_ATTEMPTS || Date.now() >= deadline) return { ...(typeof result === "object" ? { answer: result } : {}), retried: true };
      retried = true;
      const retryAfter = typeof result === "object" ? Number(result.headers.get("retry-after")) : Number.NaN;
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 3) * 1000 : 500 * attempt);
    }
  }

  return { attempts, once, withRetries };
}
