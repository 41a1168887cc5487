import { PutObjectCommand } from "@aws-sdk/client-s3";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, type Api } from "@/app/api/expenses/test-client";
import { handler as importHandler } from "@/functions/import";
import { handler as receiptHandler } from "@/functions/receipt";
import { expenseBody } from "@/lib/expenses/test-support";
import type { ExpenseList, Problem } from "@/lib/schemas";
import { objectCreatedEvent } from "@/local/s3-event";
import { localBucket } from "@/local/test-stack";
import { createTestUser, type TestUser } from "@/local/test-users";
import { expectNoSecrets, expectProblem } from "./problem-answer";
import { ROUTE_CASES, sendCase } from "./route-cases";
import { createOwnedData, storedState, type OwnedData } from "./tenant-data";

let alice: OwnedData;
let bob: TestUser;
let bobApi: Api;
let probes = 0;

beforeAll(async () => {
  [alice, bob] = await Promise.all([createOwnedData(), createTestUser()]);
  bobApi = apiAs(bob.accessToken);
  // A second expense, so Alice has a next-page cursor to lend Bob.
  expect((await alice.api.post("/api/expenses", expenseBody({ description: "Second" }))).status).toBe(201);
});

/** Alice's data with every id replaced by one nobody has: Bob's answer must not tell the two apart. */
function nobodysIds(data: OwnedData): OwnedData {
  return { ...data, expense: { ...data.expense, id: ulid() }, importJson: { ...data.importJson, id: ulid() }, scanId: ulid() };
}

/** A problem without its per-request parts, to compare two answers. */
function withoutRequestId(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== "requestId"));
}

/** What Alice reads on every GET route; links that are signed per request are left out. */
async function aliceReads(): Promise<Record<string, string>> {
  const reads: Record<string, string> = {};
  for (const routeCase of ROUTE_CASES.filter((c) => c.method === "GET")) {
    const { status, body } = await sendCase(alice.api, routeCase, alice);
    reads[routeCase.template] = `${status} ${JSON.stringify(body, (key, value: unknown) => (key === "url" || key === "expiresAt" ? undefined : value))}`;
  }
  return reads;
}

function createdEvent(key: string) {
  const { bucket } = localBucket();
  return objectCreatedEvent({ eventName: "ObjectCreated:Post", bucket, key, size: 10, eTag: "0", region: "us-east-1", sourceIp: "127.0.0.1", requestId: ulid(), sequence: 1, now: new Date() });
}

describe("Bob probing Alice's ids", () => {
  it("gets a 404 on every route that takes an id, the same answer as for an id nobody has, and nothing of Alice's anywhere", async () => {
    const stored = await storedState(alice.user.userId);
    const reads = await aliceReads();
    for (const routeCase of ROUTE_CASES) {
      const what = `${routeCase.method} ${routeCase.template}`;
      const answer = await sendCase(bobApi, routeCase, alice);
      probes++;
      expectNoSecrets(answer.body, alice.markers, what);
      if (routeCase.isById) {
        expectProblem(answer, 404, alice.markers, what);
        expect(withoutRequestId(answer.body), what).toEqual(withoutRequestId((await sendCase(bobApi, routeCase, nobodysIds(alice))).body));
      } else if (routeCase.template === "/api/account") {
        // Bob typed Alice's email to confirm: refused, and nobody is deleted.
        expectProblem(answer, 422, alice.markers, what);
      } else {
        expect(answer.status, what).toBe(routeCase.ownerStatus);
      }
    }
    expect(await storedState(alice.user.userId)).toEqual(stored);
    expect(await aliceReads()).toEqual(reads);
  });

  it("cannot name Alice in a query or a header, nor use her cursor or her scan", async () => {
    const stored = await storedState(alice.user.userId);
    const asAlice = { "x-user-id": alice.user.userId, "x-amzn-oidc-identity": alice.user.userId, "x-forwarded-user": alice.user.email };
    for (const routeCase of ROUTE_CASES.filter((c) => c.method === "GET" && !c.isById)) {
      const url = routeCase.url(alice);
      const named = `${url}${url.includes("?") ? "&" : "?"}userId=${alice.user.userId}&sub=${alice.user.userId}`;
      for (const answer of [await bobApi.get(named), await bobApi.get(url, { headers: asAlice })]) {
        probes++;
        expect(answer.status, routeCase.template).toBeLessThan(500);
        expectNoSecrets(answer.body, alice.markers, routeCase.template);
      }
    }
    const page = await alice.api.get<ExpenseList>("/api/expenses?limit=1");
    const cursor = page.body.nextCursor ?? "";
    expect(cursor).not.toBe("");
    expectProblem(await bobApi.get(`/api/expenses?limit=1&cursor=${encodeURIComponent(cursor)}`), 400, alice.markers, "Alice's cursor");
    // Saving an expense with Alice's scan is refused exactly as with a scan nobody has.
    const stolen = await bobApi.post<Problem>("/api/expenses", expenseBody({ scanId: alice.scanId }));
    const unknown = await bobApi.post<Problem>("/api/expenses", expenseBody({ scanId: ulid() }));
    expectProblem(stolen, 422, alice.markers, "Alice's scan");
    expect(withoutRequestId(stolen.body)).toEqual(withoutRequestId(unknown.body));
    probes += 4;
    expect(await storedState(alice.user.userId)).toEqual(stored);
  });
});

describe("events naming Alice's things under Bob (the functions trust only the key's owner)", () => {
  it("a receipt upload under receipts/<bob>/<Alice's expense>/ is deleted, and Alice's receipt is untouched", async () => {
    const stored = await storedState(alice.user.userId);
    const { s3, bucket } = localBucket();
    const bobsKey = `receipts/${bob.userId}/${alice.expense.id}/${ulid()}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: bobsKey, Body: "not a receipt" }));
    const aliceKey = Object.keys(stored.objects).find((key) => key.startsWith(`receipts/${alice.user.userId}/${alice.expense.id}/`) && !key.endsWith(".thumb.webp")) ?? "";
    const keys = [
      bobsKey,
      // A repeated event for Alice's settled receipt, and uploads nobody was granted: all change nothing.
      aliceKey,
      `receipts/${alice.user.userId}/${alice.expense.id}/${ulid()}`,
      `receipts/${alice.user.userId}/${alice.scanId}/${ulid()}`,
      `receipts/${bob.userId}/../${alice.user.userId}/${alice.expense.id}/${ulid()}`,
    ];
    const outcomes = [];
    for (const key of keys) outcomes.push(...(await receiptHandler(createdEvent(key))));
    probes += keys.length;
    expect(outcomes.map((o) => o.outcome)).toEqual(["superseded", "duplicate", "superseded", "superseded", "ignored"]);
    expect(await storedState(bob.userId)).not.toHaveProperty(["objects", bobsKey]);
    expect(await storedState(alice.user.userId)).toEqual(stored);
  });

  it("an import file under imports/<bob>/<Alice's import>.csv and commands naming Bob with Alice's import change nothing", async () => {
    const stored = await storedState(alice.user.userId);
    const { s3, bucket } = localBucket();
    const bobsKey = `imports/${bob.userId}/${alice.importJson.id}.csv`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: bobsKey, Body: "date,amount\r\n2025-01-01,1.00\r\n" }));
    expect(await importHandler(createdEvent(bobsKey))).toEqual([{ outcome: "ignored" }]);
    expect(await importHandler({ action: "commit", userId: bob.userId, importId: alice.importJson.id })).toEqual([{ outcome: "ignored" }]);
    expect(await importHandler({ action: "undo", userId: bob.userId, importId: alice.importJson.id })).toEqual([{ outcome: "ignored" }]);
    probes += 3;
    expect(await storedState(alice.user.userId)).toEqual(stored);
  });

  it("made every probe", () => {
    expect(probes).toBe(ROUTE_CASES.length + 2 * ROUTE_CASES.filter((c) => c.method === "GET" && !c.isById).length + 4 + 5 + 3);
  });
});
