import { beforeAll, describe, expect, it } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { localStackEnv } from "@/local/test-stack";
import type { ExpenseJson, Problem, Summary } from "@/lib/schemas";
import { createTestUser } from "@/local/test-users";
import { apiAs, type Api } from "../expenses/test-client";

let alice: Api;
let bob: Api;

beforeAll(async () => {
  localStackEnv();
  const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
  alice = apiAs(a.accessToken);
  bob = apiAs(b.accessToken);
  for (const [date, amount] of [
    ["2024-01-31", "1.00"],
    ["2024-02-01", "2.00"],
    ["2024-02-15", "4.00"],
    ["2024-02-29", "8.00"],
    ["2024-03-01", "16.00"],
  ]) {
    expect((await alice.post<ExpenseJson>("/api/expenses", expenseBody({ date, amount }))).status).toBe(201);
  }
});

const row = (month: string, amount: string, count: number) => ({ month, currency: "EUR", category: "Food", amount, count });

describe("GET /api/summary", () => {
  it("counts exactly the expenses dated in a range that cuts months, echoing from and to", async () => {
    const res = await alice.get<Summary>("/api/summary?from=2024-01-31&to=2024-02-28");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.body).toEqual({ from: "2024-01-31", to: "2024-02-28", totals: [row("2024-01", "1.00", 1), row("2024-02", "6.00", 2)] });
  });

  it("reads whole months, a single day and a range inside one month", async () => {
    expect((await alice.get<Summary>("/api/summary?from=2024-02-01&to=2024-03-31")).body.totals).toEqual([row("2024-02", "14.00", 3), row("2024-03", "16.00", 1)]);
    expect((await alice.get<Summary>("/api/summary?from=2024-02-29&to=2024-02-29")).body.totals).toEqual([row("2024-02", "8.00", 1)]);
    expect((await alice.get<Summary>("/api/summary?from=2024-02-02&to=2024-02-28")).body.totals).toEqual([row("2024-02", "4.00", 1)]);
  });

  it("shows another user nothing of these expenses", async () => {
    expect((await bob.get<Summary>("/api/summary?from=2024-01-31&to=2024-03-01")).body.totals).toEqual([]);
  });

  it.each([
    ["from=2024-01&to=2024-02", "from"],
    ["from=2024-02-30&to=2024-03-01", "from"],
    ["from=2024-03-02&to=2024-03-01", "from"],
    ["from=2014-01-01&to=2024-03-01", "to"],
    ["from=2024-01-01", "to"],
  ])("refuses ?%s with a 422 naming %s", async (query, path) => {
    const res = await alice.get<Problem>(`/api/summary?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
  });

  it("refuses a repeated parameter with a 400", async () => {
    expect((await alice.get("/api/summary?from=2024-01-01&from=2024-01-02&to=2024-02-01")).status).toBe(400);
  });
});
