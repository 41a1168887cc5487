import { describe, expect, it } from "vitest";
import { createFunctionsRunner, type Invocation } from "./functions-runner";
import { objectCreatedEvent } from "./s3-event";

const event = (key: string, eventName: "ObjectCreated:Post" | "ObjectCreated:Put" = "ObjectCreated:Post") =>
  objectCreatedEvent({ eventName, bucket: "b", key, size: 1, eTag: "e", region: "us-east-1", sourceIp: "127.0.0.1", requestId: "R", sequence: 0, now: new Date(0) });

function runnerWith(handler: (event: unknown) => Promise<unknown>) {
  const lines: string[] = [];
  const invocations: Invocation[] = [];
  const received: unknown[] = [];
  const runner = createFunctionsRunner({
    functions: [{ name: "probe", load: async () => ({ handler: (e: unknown) => (received.push(structuredClone(e)), handler(e)) }) }],
    subscriptions: [{ functionName: "probe", eventNames: ["ObjectCreated:Post"], prefix: "receipts/" }],
    retryDelaysMs: [5, 10],
    log: (line) => lines.push(line),
    onInvocation: (invocation) => invocations.push(invocation),
  });
  runner.start({ PROBE_ENV: "1" });
  return { runner, lines, invocations, received };
}

describe("local functions runner", () => {
  it("invokes the subscribed handler with the S3 event (key still URL-encoded) and logs one line", async () => {
    const { runner, lines, received } = runnerWith(async () => [{ outcome: "ready" }]);
    runner.deliverS3(event("receipts/u/e/Café receipt"));
    await runner.idle();
    expect(received).toHaveLength(1);
    expect(JSON.stringify(received[0])).toContain('"key":"receipts/u/e/Caf%C3%A9+receipt"');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^λ probe +receipts\/u\/e\/Café receipt +\d+ ms {2}ok ready$/);
    expect(process.env.PROBE_ENV).toBe("1");
  });

  it("says in its line when a scan's photo was read too", async () => {
    const { runner, lines } = runnerWith(async () => [{ outcome: "ready", scan: "done" }]);
    runner.deliverS3(event("receipts/u/e/scan"));
    await runner.idle();
    expect(lines[0]).toMatch(/ok ready \(scan done\)$/);
  });

  it("delivers only the subscribed event names and prefixes", async () => {
    const { runner, received } = runnerWith(async () => []);
    runner.deliverS3(event("imports/u/x.csv"));
    runner.deliverS3(event("receipts/u/e/thumb.webp", "ObjectCreated:Put"));
    await runner.idle();
    expect(received).toEqual([]);
  });

  it("retries a failed invocation twice, like Lambda's asynchronous invocation", async () => {
    let calls = 0;
    const { runner, lines, invocations } = runnerWith(async () => {
      calls++;
      if (calls < 3) throw new Error(`flaky ${calls}`);
      return [];
    });
    runner.deliverS3(event("receipts/u/e/k"));
    await runner.idle();
    expect(invocations.map((i) => i.outcome)).toEqual(["error", "error", "ok"]);
    expect(lines[0]).toMatch(/error \(attempt 1 of 3, will retry\): flaky 1$/);
  });

  it("gives up after three attempts and says so", async () => {
    const { runner, lines, invocations } = runnerWith(async () => {
      throw new Error("S3 is down");
    });
    runner.deliverS3(event("receipts/u/e/k"));
    await runner.idle();
    expect(invocations.map((i) => [i.attempt, i.outcome])).toEqual([[1, "error"], [2, "error"], [3, "gave-up"]]);
    expect(lines.at(-1)).toMatch(/FAILED after 3 attempts: S3 is down$/);
  });

  it("gives each attempt its own copy of the event", async () => {
    const { runner, received } = runnerWith(async (e) => {
      if (typeof e === "object" && e !== null && "Records" in e) (e as { Records: unknown[] }).Records.length = 0;
      throw new Error("again");
    });
    runner.deliverS3(event("receipts/u/e/k"));
    await runner.idle();
    expect(received).toHaveLength(3);
    expect(received.map((e) => JSON.stringify(e).includes('"key":"receipts/u/e/k"'))).toEqual([true, true, true]);
  });
});

describe("local functions runner, DynamoDB stream batches", () => {
  const batch = (n: number) => ({
    Records: Array.from({ length: n }, (_, i) => ({ eventID: String(i), eventName: "INSERT" as const, dynamodb: { Keys: { sk: { S: `EXP#${i}` } } } })),
  });
  function streamRunner(handler: (event: unknown) => Promise<unknown>) {
    const lines: string[] = [];
    const invocations: Invocation[] = [];
    const runner = createFunctionsRunner({
      functions: [{ name: "feed", load: async () => ({ handler }) }],
      streamSubscriptions: [{ functionName: "feed", filters: [], batchSize: 100 }],
      retryDelaysMs: [5, 10],
      log: (line) => lines.push(line),
      onInvocation: (invocation) => invocations.push(invocation),
    });
    runner.start({});
    return { runner, lines, invocations };
  }

  it("invokes the stream's function with the batch, resolves when it is done and logs one line naming the records", async () => {
    const received: unknown[] = [];
    const { runner, lines } = streamRunner(async (e) => {
      received.push(e);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [{ outcome: "written" }, { outcome: "written" }, { outcome: "deleted" }];
    });
    await runner.deliverDynamoDbStream(batch(3));
    expect(received).toEqual([batch(3)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^λ feed +3 records +\d+ ms {2}ok written ×2, deleted$/);
    await runner.deliverDynamoDbStream(batch(1), "feed");
    expect(lines[1]).toMatch(/^λ feed +1 record +\d+ ms {2}ok written ×2, deleted$/);
  });

  it("retries a failing batch twice, then gives up with a line and resolves", async () => {
    const { runner, lines, invocations } = streamRunner(async () => {
      throw new Error("S3 is down");
    });
    await runner.deliverDynamoDbStream(batch(2));
    expect(invocations.map((i) => i.outcome)).toEqual(["error", "error", "gave-up"]);
    expect(lines.at(-1)).toMatch(/^λ feed +2 records .*FAILED after 3 attempts: S3 is down$/);
  });

  it("delivers nothing after stop", async () => {
    const { runner, invocations } = streamRunner(async () => []);
    await runner.stop();
    await runner.deliverDynamoDbStream(batch(1));
    expect(invocations).toEqual([]);
  });
});

describe("local functions runner: on-failure destination and injected faults", () => {
  function runnerWithDestination(handler: (event: unknown) => Promise<unknown>, injectFailure?: (a: { functionName: string; subject: string; attempt: number }) => string | undefined) {
    const destination: unknown[] = [];
    const invocations: Invocation[] = [];
    const runner = createFunctionsRunner({
      functions: [
        { name: "probe", load: async () => ({ handler }), onFailure: "probe-failed" },
        { name: "probe-failed", load: async () => ({ handler: async (e: unknown) => destination.push(e) }) },
      ],
      subscriptions: [{ functionName: "probe", eventNames: ["ObjectCreated:Post"], prefix: "receipts/" }],
      streamSubscriptions: [{ functionName: "probe", filters: [], batchSize: 10 }],
      retryDelaysMs: [5, 10],
      log: () => undefined,
      onInvocation: (invocation) => invocations.push(invocation),
      ...(injectFailure ? { injectFailure } : {}),
    });
    runner.start({});
    return { runner, destination, invocations };
  }

  it("hands an S3 event whose three attempts failed to the destination, as Lambda's failure record", async () => {
    const { runner, destination } = runnerWithDestination(async () => {
      throw new Error("DynamoDB is down");
    });
    const sent = event("receipts/u/e/k");
    runner.deliverS3(sent);
    await runner.idle();
    expect(destination).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: "RetriesExhausted", approximateInvokeCount: 3, functionArn: expect.stringContaining(":function:ledgerline-local-probe:") }),
        requestPayload: { Records: sent.Records },
        responsePayload: { errorType: "Error", errorMessage: "DynamoDB is down" },
      }),
    ]);
  });

  it("sends nothing to the destination when a retry succeeds, nor for a stream batch", async () => {
    let calls = 0;
    const { runner, destination } = runnerWithDestination(async () => {
      calls++;
      if (calls === 1) throw new Error("once");
      if (calls >= 3) throw new Error("stream batches are not async events");
      return [];
    });
    runner.deliverS3(event("receipts/u/e/k"));
    await runner.idle();
    await runner.deliverDynamoDbStream({ Records: [{ eventName: "INSERT" }] });
    expect(destination).toEqual([]);
  });

  it("throws an injected failure on the chosen attempts without running the handler", async () => {
    let calls = 0;
    const { runner, invocations } = runnerWithDestination(
      async () => {
        calls++;
        return [];
      },
      ({ subject, attempt }) => (subject.endsWith("/k") && attempt === 1 ? "injected" : undefined),
    );
    runner.deliverS3(event("receipts/u/e/k"));
    runner.deliverS3(event("receipts/u/e/other"));
    await runner.idle();
    expect(calls).toBe(2);
    expect(invocations.filter((i) => i.subject === "receipts/u/e/k").map((i) => [i.outcome, i.error])).toEqual([
      ["error", "injected"],
      ["ok", undefined],
    ]);
  });
});
