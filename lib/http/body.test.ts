import { describe, expect, it } from "vitest";
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";
import { MAX_BODY_BYTES, readJsonBody } from "./body";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }): Request {
  return new Request("http://localhost/api/expenses", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

function streamOf(chunks: number, chunkBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
}

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
  });

  it("accepts charset=utf-8 and strips a BOM", async () => {
    expect(await readJsonBody(post('\uFEFF{"a":1}', { "content-type": "application/json; charset=UTF-8" }))).toEqual({ a: 1 });
  });

  it.each([undefined, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/jsonp"])(
    "refuses content type %s with 415",
    async (type) => {
      await expect(readJsonBody(post("{}", type ? { "content-type": type } : {}))).rejects.toThrow(UnsupportedMediaTypeError);
    },
  );

  it("accepts exactly 64 KB and refuses one byte more with 413", async () => {
    const fits = `"${"x".repeat(MAX_BODY_BYTES - 2)}"`;
    expect(await readJsonBody(post(fits))).toHaveLength(MAX_BODY_BYTES - 2);
    await expect(readJsonBody(post(`${fits} `))).rejects.toThrow(PayloadTooLargeError);
  });

  it("stops reading a streamed body without Content-Length once it passes the limit", async () => {
    await expect(readJsonBody(post(streamOf(1_000, 1_024)))).rejects.toThrow(PayloadTooLargeError);
  });

  it("refuses a declared length over the limit before reading", async () => {
    const req = post("{}", { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) });
    await expect(readJsonBody(req)).rejects.toThrow(PayloadTooLargeError);
  });

  it.each(["", "{", "{'a':1}", "NaN", "[1,]"])("refuses %j as malformed JSON with 400", async (text) => {
    await expect(readJsonBody(post(text))).rejects.toThrow(BadRequestError);
  });

  it("refuses bytes that are not UTF-8 with 400", async () => {
    await expect(readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22])))).rejects.toThrow(BadRequestError);
  });
});
