import { beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "@/app/api/expenses/test-client";
import { MAX_BODY_BYTES } from "@/lib/http/body";
import { localStackEnv } from "@/local/test-stack";
import { expectProblem } from "./problem-answer";
import { ROUTE_CASES, type RouteCase } from "./route-cases";
import { createTarget, type OwnedData } from "./tenant-data";

let target: OwnedData;

beforeAll(async () => {
  localStackEnv();
  target = await createTarget();
});

const WITH_BODY = ROUTE_CASES.filter((c) => c.json !== undefined);
const WITHOUT_BODY = ROUTE_CASES.filter((c) => c.json === undefined && c.method !== "GET");

/** The case's own valid body, padded with JSON whitespace to exactly `bytes`. */
function paddedBody(routeCase: RouteCase, bytes: number): Uint8Array<ArrayBuffer> {
  const json = JSON.stringify(routeCase.json?.(target) ?? {});
  return new Uint8Array(Buffer.from(json + " ".repeat(bytes - Buffer.byteLength(json))));
}

type Delivery = "honest Content-Length" | "lying Content-Length" | "no Content-Length, chunked" | "endless chunked stream";

function bodyStream(bytes: Uint8Array<ArrayBuffer> | "endless"): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (bytes === "endless") return controller.enqueue(chunk);
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(sent, sent + chunk.length));
      sent += chunk.length;
    },
  });
}

function send(routeCase: RouteCase, body: Uint8Array<ArrayBuffer>, delivery: Delivery): Promise<{ response: Response }> {
  const headers = new Headers({ ...routeCase.headers?.(target), authorization: `Bearer ${target.user.accessToken}`, "content-type": "application/json" });
  const url = `http://localhost${routeCase.url(target)}`;
  if (delivery === "honest Content-Length" || delivery === "lying Content-Length") {
    headers.set("content-length", delivery === "honest Content-Length" ? String(body.length) : "10");
    return dispatch(new Request(url, { method: routeCase.method, headers, body }));
  }
  // A stream body must be sent half-duplex; TypeScript's RequestInit does not know the option yet.
  const init: RequestInit & { duplex: "half" } = { method: routeCase.method, headers, body: bodyStream(delivery === "endless chunked stream" ? "endless" : body), duplex: "half" };
  return dispatch(new Request(url, init));
}

async function answerOf({ response }: { response: Response }) {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe(`bodies over ${MAX_BODY_BYTES} bytes`, () => {
  const deliveries: Delivery[] = ["honest Content-Length", "lying Content-Length", "no Content-Length, chunked", "endless chunked stream"];
  for (const routeCase of WITH_BODY) {
    it(`${routeCase.method} ${routeCase.template}: 413 problem+json however sent; one byte less is read`, async () => {
      const over = paddedBody(routeCase, MAX_BODY_BYTES + 1);
      for (const delivery of deliveries) expectProblem(await answerOf(await send(routeCase, over, delivery)), 413, [], delivery);
      // The control: the same valid body at exactly the limit is read and answered as usual.
      const fits = await answerOf(await send(routeCase, paddedBody(routeCase, MAX_BODY_BYTES), "no Content-Length, chunked"));
      expect(fits.status).not.toBe(413);
      expect(fits.status).toBeLessThan(500);
      if (!routeCase.isById && routeCase.template !== "/api/account") expect(fits.status).toBe(routeCase.ownerStatus);
    });
  }

  it("routes that take no body never read one: an endless stream to them is answered, not buffered", async () => {
    for (const routeCase of WITHOUT_BODY) {
      const { status } = await answerOf(await send(routeCase, new Uint8Array(), "endless chunked stream"));
      expect(status, `${routeCase.method} ${routeCase.template}`).toBeLessThan(500);
    }
  });
});
