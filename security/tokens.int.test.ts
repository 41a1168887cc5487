import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, methodsOf, ROUTE_TEMPLATES } from "@/app/api/expenses/test-client";
import { localStackEnv } from "@/local/test-stack";
import { forgedTokens, type TokenRow } from "./forged-tokens";
import { expectProblem } from "./problem-answer";
import { PUBLIC_ROUTES, ROUTE_CASES, sendCase } from "./route-cases";
import { createOwnedData, storedState, type OwnedData } from "./tenant-data";

let carol: OwnedData;
let rows: TokenRow[];
let resigned: string;
let exportUrl: string;
const anonymous = apiAs(null);
let refused = 0;

beforeAll(async () => {
  const env = localStackEnv();
  exportUrl = (JSON.parse(env.SST_RESOURCE_Export ?? "{}") as { url: string }).url;
  carol = await createOwnedData();
  ({ rows, resigned } = forgedTokens(carol.user));
});

/** `GET /api/expenses/{id}` for each method each app/api/**\/route.ts exports. */
function routesOnDisk(dir = fileURLToPath(new URL("../app/api", import.meta.url)), template = "/api"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routesOnDisk(`${dir}/${entry.name}`, `${template}/${entry.name.replace(/^\[(\w+)\]$/, "{$1}")}`);
    return entry.name === "route.ts" ? methodsOf(template).map((method) => `${method} ${template}`) : [];
  });
}

describe("the route table", () => {
  it("holds every method of every route file under app/api", () => {
    const cases = [...ROUTE_CASES, ...PUBLIC_ROUTES].map((c) => `${c.method} ${c.template}`).sort();
    const files = routesOnDisk().sort();
    expect(files.length).toBeGreaterThanOrEqual(27);
    expect(cases).toEqual(files);
    // Every route file is one the test client knows (methodsOf is empty for an unknown template).
    expect(new Set(files.map((f) => f.split(" ")[1]))).toEqual(new Set(ROUTE_TEMPLATES));
  });
});

describe("every secured route answers a bad token with 401 problem+json and changes nothing", () => {
  for (const routeCase of ROUTE_CASES) {
    it(`${routeCase.method} ${routeCase.template}`, async () => {
      const before = await storedState(carol.user.userId);
      for (const row of rows) {
        const headers: Record<string, string> = row.authorization === null ? {} : { authorization: row.authorization };
        const answer = await sendCase(anonymous, routeCase, carol, { headers });
        expectProblem(answer, 401, carol.markers, row.name);
        refused++;
      }
      expect(await storedState(carol.user.userId)).toEqual(before);
      // The control: the same request with a token signed the same way, but right, goes through.
      expect((await sendCase(apiAs(resigned), routeCase, carol)).status).toBe(routeCase.ownerStatus);
      await routeCase.settle?.(carol);
    });
  }

  it("refused every row on every route", () => {
    expect(refused).toBe(rows.length * ROUTE_CASES.length);
  });
});

describe("the export function's own URL (public on AWS) checks the token itself", () => {
  const download = (authorization: string | null) => fetch(exportUrl, { headers: authorization === null ? {} : { authorization } });

  it("refuses every token row", async () => {
    for (const row of rows) {
      const res = await download(row.authorization);
      const text = await res.text();
      expectProblem({ status: res.status, headers: res.headers, body: JSON.parse(text) }, 401, carol.markers, row.name);
    }
  });

  it("serves the owner's file to the same request with a valid token (control)", async () => {
    const fresh = await createOwnedData();
    const res = await download(`Bearer ${forgedTokens(fresh.user).resigned}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(fresh.expense.id);
  });
});
