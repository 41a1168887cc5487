import { afterEach, describe, expect, it } from "vitest";
import { startFunctionUrl, type RunningFunctionUrl } from "./function-url";
import { installLambdaStreamingGlobals, isStreamingHandler, type StreamingHandler } from "./lambda-streaming";

installLambdaStreamingGlobals();
const lines: string[] = [];
let running: RunningFunctionUrl | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A streaming handler written as for Lambda, served on a local Function URL. */
async function serve(body: (event: Record<string, unknown>, stream: awslambda.HttpResponseStream) => Promise<void>) {
  const handler = awslambda.streamifyResponse(async (event: Record<string, unknown>, responseStream) => body(event, responseStream));
  expect(isStreamingHandler(handler)).toBe(true);
  if (!isStreamingHandler(handler)) throw new Error("not streaming");
  const streaming: StreamingHandler = handler;
  running = await startFunctionUrl({ functionName: "probe", handler: async () => streaming, log: (line) => lines.push(line) });
  return running.url;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("local Function URL with response streaming", () => {
  it("turns HttpResponseStream.from's prelude into the status and headers, then streams the chunks as written", async () => {
    let seenEvent: Record<string, unknown> = {};
    const url = await serve(async (event, responseStream) => {
      seenEvent = event;
      const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: 201, headers: { "content-type": "text/csv", "x-probe": "yes" } });
      out.write("a,b\r\n");
      await tick();
      out.write("1,2\r\n");
      await tick();
      out.end("3,4\r\n");
    });
    const res = await fetch(`${url}report?from=2025-01-01&tag=a&tag=b`, { headers: { authorization: "Bearer t" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("text/csv");
    expect(res.headers.get("x-probe")).toBe("yes");
    const reader = res.body?.getReader();
    const chunks: string[] = [];
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) chunks.push(new TextDecoder().decode(next.value));
    expect(chunks.join("")).toBe("a,b\r\n1,2\r\n3,4\r\n");
    expect(chunks.length).toBeGreaterThan(1);
    expect(seenEvent).toMatchObject({
      version: "2.0",
      rawPath: "/report",
      rawQueryString: "from=2025-01-01&tag=a&tag=b",
      queryStringParameters: { from: "2025-01-01", tag: "a,b" },
      headers: { authorization: "Bearer t" },
      requestContext: { http: { method: "GET", path: "/report" } },
    });
    expect(lines.at(-1)).toMatch(/^λ probe +GET \/report\?from=2025-01-01&tag=a&tag=b {2}201 {2}\d+ ms/);
  });

  it("answers 200 application/octet-stream when the handler writes without a prelude", async () => {
    const url = await serve(async (_event, responseStream) => {
      responseStream.end("raw");
    });
    const res = await fetch(url);
    expect([res.status, res.headers.get("content-type"), await res.text()]).toEqual([200, "application/octet-stream", "raw"]);
  });

  it("is a 502 when the handler fails before sending anything", async () => {
    const url = await serve(async () => {
      throw new Error("boom");
    });
    const res = await fetch(url);
    expect(res.status).toBe(502);
    expect(lines.at(-1)).toMatch(/error: boom$/);
  });

  it("cuts the connection when the handler fails mid-stream, so the body read fails", async () => {
    const url = await serve(async (_event, responseStream) => {
      const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { "content-type": "text/csv" } });
      out.write("date,amount\r\n");
      await tick();
      throw new Error("table went away");
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});
