import { beforeAll, describe, expect, it } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import type { StreamingHandler } from "@/local/lambda-streaming";
import { installLambdaStreamingGlobals, isStreamingHandler } from "@/local/lambda-streaming";
import { startFunctionUrl } from "@/local/function-url";
import { localStackEnv } from "@/local/test-stack";
import { createTestUser } from "@/local/test-users";
import { apiAs, type Api } from "./expenses/test-client";

/** Small limits in short windows (this file's process only), so a test sees the 429 and then the recovery. */
const READ_LIMIT = 6;
const EXPORT_LIMIT = 2;
const WINDOW_SECONDS = 4;

beforeAll(() => {
  localStackEnv();
  Object.assign(process.env, {
    LEDGERLINE_READ_LIMIT: String(READ_LIMIT),
    LEDGERLINE_READ_WINDOW_SECONDS: String(WINDOW_SECONDS),
    LEDGERLINE_EXPORT_LIMIT: String(EXPORT_LIMIT),
    LEDGERLINE_EXPORT_WINDOW_SECONDS: String(WINDOW_SECONDS),
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until just after a window starts (windows are aligned to the epoch), so a burst and the probes after it
 * fall in one window: a refusal near a window's end would otherwise be followed by a fresh budget.
 */
const atWindowStart = () => sleep(WINDOW_SECONDS * 1000 - (Date.now() % (WINDOW_SECONDS * 1000)) + 50);

/** Repeats `call` until it is refused (within two windows' worth of calls), returning how many got through. */
async function untilRefused(call: () => Promise<{ status: number; headers: Headers }>): Promise<{ accepted: number; refusal: { status: number; headers: Headers } }> {
  for (let accepted = 0; accepted < 3 * READ_LIMIT; accepted++) {
    const res = await call();
    if (res.status === 429) return { accepted, refusal: res };
    expect(res.status).toBe(200);
  }
  throw new Error("never refused");
}

describe("read rate limit", () => {
  let api: Api;
  beforeAll(async () => {
    api = apiAs((await createTestUser()).accessToken);
  });

  it("answers 429 problem+json with Retry-After past the limit, leaves others alone, and recovers after the window", async () => {
    const other = apiAs((await createTestUser()).accessToken);
    await atWindowStart();
    const { accepted, refusal } = await untilRefused(() => api.get("/api/expenses"));
    expect(accepted).toBe(READ_LIMIT);
    expect(refusal.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refusal.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Every read counts, whichever route; another user is unaffected.
    expect((await api.get("/api/summary?from=2025-01-01&to=2025-12-31")).status).toBe(429);
    expect((await other.get("/api/expenses")).status).toBe(200);
    await sleep(retryAfter * 1000 + 100);
    expect((await api.get("/api/expenses")).status).toBe(200);
  });

  it("does not count writes as reads", async () => {
    const writer = apiAs((await createTestUser()).accessToken);
    for (let i = 0; i < 2 * READ_LIMIT; i++) expect((await writer.post("/api/expenses", expenseBody())).status).toBe(201);
  });
});

describe("export rate limit (the export function)", () => {
  it("refuses an export past the limit with 429 and Retry-After, then allows it again", async () => {
    installLambdaStreamingGlobals();
    const { handler } = await import("@/functions/export");
    if (!isStreamingHandler(handler)) throw new Error("the export handler is not streaming");
    const streaming: StreamingHandler = handler;
    const running = await startFunctionUrl({ functionName: "export", handler: async () => streaming, log: () => {} });
    try {
      const { accessToken } = await createTestUser();
      await atWindowStart();
      const download = () => fetch(`${running.url}?from=2025-01-01&to=2025-12-31`, { headers: { authorization: `Bearer ${accessToken}` } });
      let refusal: Response | undefined;
      let accepted = 0;
      for (let i = 0; i < 3 * EXPORT_LIMIT && !refusal; i++) {
        const res = await download();
        if (res.status === 429) refusal = res;
        else {
          expect(res.status).toBe(200);
          await res.arrayBuffer();
          accepted++;
        }
      }
      expect(refusal?.headers.get("content-type")).toBe("application/problem+json");
      expect(accepted).toBe(EXPORT_LIMIT);
      const retryAfter = Number(refusal?.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      await sleep(retryAfter * 1000 + 100);
      const again = await download();
      expect(again.status).toBe(200);
      await again.arrayBuffer();
    } finally {
      await running.stop();
    }
  });
});
