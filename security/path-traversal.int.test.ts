import { beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "@/app/api/expenses/test-client";
import { localStackEnv } from "@/local/test-stack";
import { expectProblem } from "./problem-answer";
import { ROUTE_CASES, sendCase } from "./route-cases";
import { createOwnedData, createTarget, storedState, type OwnedData } from "./tenant-data";

let alice: OwnedData;
let bob: OwnedData;

beforeAll(async () => {
  localStackEnv();
  [alice, bob] = await Promise.all([createOwnedData(), createTarget()]);
});

/** Ids that try to climb out of Alice's keys, aimed at her own things and at Bob's. */
function oddIds(): string[] {
  const mine = alice.expense.id;
  const his = `${bob.user.userId}/${bob.expense.id}`;
  return [
    "..",
    ".",
    "",
    "../x",
    "%2e%2e%2f",
    "%2E%2E%2F%2E%2E%2F",
    "..%2f..%2f",
    "a/b",
    `../${his}`,
    `../../${his}`,
    `${mine}/../../${his}`,
    `../../../imports/${bob.user.userId}/${bob.importJson.id}.csv`,
    `receipts/${his}`,
    `${mine}/..`,
    `${mine}/`,
    `${mine}\u0000`,
    `${mine}\u0000../x`,
    "\u0000",
    `${mine} `,
    mine.toLowerCase(),
    `${mine}${mine}`,
    "x".repeat(10_000),
    "💸",
    "é".normalize("NFD"),
    "\u202e01JQ3Z8K4M5N6P7Q8R9S0T1V2W",
    "ＡＢＣ",
    "__proto__",
    "constructor",
  ];
}

describe("odd ids on every route that takes one", () => {
  it("are 400 or 404 problem+json, and neither Alice's nor Bob's keys change", async () => {
    const before = await Promise.all([storedState(alice.user.userId, { isOwnRequests: true }), storedState(bob.user.userId)]);
    let probes = 0;
    for (const routeCase of ROUTE_CASES.filter((c) => c.isById)) {
      for (const id of oddIds()) {
        const json = routeCase.json?.(alice);
        // The param carries the id as the framework hands it over; "." segments never survive a URL.
        const url = `http://localhost${routeCase.url({ ...alice, expense: { ...alice.expense, id: "_" }, importJson: { ...alice.importJson, id: "_" }, scanId: "_" })}`;
        const headers = { ...routeCase.headers?.(alice), authorization: `Bearer ${alice.user.accessToken}`, "content-type": "application/json" };
        const { response } = await dispatch(new Request(url, { method: routeCase.method, headers, body: json === undefined ? undefined : JSON.stringify(json) }), id);
        const text = await response.text();
        const answer = { status: response.status, headers: response.headers, body: JSON.parse(text) };
        expect([400, 404], `${routeCase.method} ${routeCase.template} ${JSON.stringify(id.slice(0, 60))}`).toContain(answer.status);
        expectProblem(answer, answer.status, [bob.user.userId, bob.expense.id], `${routeCase.method} ${routeCase.template}`);
        probes++;
      }
    }
    expect(probes).toBe(ROUTE_CASES.filter((c) => c.isById).length * oddIds().length);
    expect(await Promise.all([storedState(alice.user.userId, { isOwnRequests: true }), storedState(bob.user.userId)])).toEqual(before);
    // The control: the same requests with Alice's real ids reach her things.
    for (const routeCase of ROUTE_CASES.filter((c) => c.isById && c.method === "GET")) {
      expect((await sendCase(alice.api, routeCase, alice)).status, routeCase.template).toBe(200);
    }
  });
});
