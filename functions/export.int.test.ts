import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { parse } from "csv-parse/sync";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/export/route";
import { apiAs, type Api } from "@/app/api/expenses/test-client";
import { createDocumentClient } from "@/lib/dynamo-client";
import { expenseBody } from "@/lib/expenses/test-support";
import { localStackEnv, tableNameFrom } from "@/local/test-stack";
import { seedExpenses } from "@/lib/expenses/seed-expenses";
import { EXPORT_COLUMNS, NewExpenseSchema, type ExpenseJson, type ExpenseList } from "@/lib/schemas";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "@/local/stack";
import { createTestUser, type TestUser } from "@/local/test-users";

let env: Record<string, string>;
let exportUrl: string;
let alice: TestUser;
let aliceApi: Api;

beforeAll(async () => {
  env = localStackEnv();
  exportUrl = (JSON.parse(env.SST_RESOURCE_Export ?? "{}") as { url: string }).url;
  alice = await createTestUser();
  aliceApi = apiAs(alice.accessToken);
});

function download(query: string, token: string | null = alice.accessToken) {
  return fetch(`${exportUrl}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const BOM = "\uFEFF";

/** The file's text with its BOM kept (Response.text() drops a leading BOM, as the WHATWG decoder does). */
async function fileText(res: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(await res.arrayBuffer());
}

/** The file as records (header first), read back with a maintained CSV parser. */
async function records(res: Response): Promise<string[][]> {
  const text = await fileText(res);
  expect(text.startsWith(BOM)).toBe(true);
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

async function listAll(api: Api, query: string): Promise<ExpenseJson[]> {
  const items: ExpenseJson[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: ExpenseList } = await api.get<ExpenseList>(`/api/expenses?limit=100&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe("export function (real Function URL, streaming)", () => {
  it("writes RFC 4180 CSV with a BOM and CRLF that reads back identical, formula cells neutralised", async () => {
    const user = await createTestUser();
    const api = apiAs(user.accessToken);
    const tricky = [
      { description: 'Dinner, "the good one"\nsecond line', merchant: "Café Zürich — 東京", amount: "12.50" },
      { description: "=HYPERLINK(\"http://evil\",\"x\")", merchant: "+1 555", amount: "3.00" },
      { description: "-2+3", merchant: "@sum", amount: "4.00", tags: ["a,b", "q\"t"] },
      { description: "\tTabbed", merchant: "\rCarriage", amount: "5.00" },
    ];
    const created: ExpenseJson[] = [];
    for (const [i, fields] of tricky.entries()) {
      const res = await api.post<ExpenseJson>("/api/expenses", expenseBody({ date: `2025-04-0${i + 1}`, ...fields }));
      expect(res.status).toBe(201);
      created.push(res.body);
    }
    const res = await download("from=2025-04-01&to=2025-04-30", user.accessToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="expenses-2025-04-01-2025-04-30.csv"');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = await fileText(res.clone());
    expect(text.split("\r\n")[0]).toBe(`${BOM}${EXPORT_COLUMNS.join(",")}`);
    expect(text.endsWith("\r\n")).toBe(true);

    const [header, ...rows] = await records(res);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const expected = [...created].reverse().map((e) => [
      e.date,
      e.amount,
      e.currency,
      e.category,
      e.merchant ?? "",
      e.description,
      (e.tags ?? []).join("; "),
      "",
      e.id,
    ]);
    const neutralised = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
    expect(rows).toEqual(expected.map((row) => row.map((cell, i) => (EXPORT_COLUMNS[i] === "amount" ? cell : neutralised(cell)))));
    // The dangerous cells really changed, and nothing else did.
    // Leading tabs and CRs never reach the table (fields are trimmed); expenses-csv.test.ts covers them.
    expect(rows.flat().filter((cell) => cell.startsWith("'"))).toHaveLength(4);
  });

  it("holds exactly the list's rows for the same filters", async () => {
    const user = await createTestUser();
    const api = apiAs(user.accessToken);
    const days = ["2025-01-05", "2025-01-20", "2025-02-03", "2025-02-28", "2025-03-01"];
    for (const [i, date] of days.entries()) {
      await api.post("/api/expenses", expenseBody({ date, category: i % 2 ? "Travel" : "Food", description: i % 3 ? "Taxi home" : "Groceries" }));
    }
    for (const query of ["", "from=2025-01-10&to=2025-02-28", "category=Travel", "q=taxi", "category=Food&from=2025-02-01"]) {
      const listed = await listAll(api, query);
      const [, ...rows] = await records(await download(query, user.accessToken));
      expect(rows.map((row) => row[8]), query).toEqual(listed.map((e) => e.id));
    }
  });

  it("never holds another user's rows", async () => {
    await aliceApi.post("/api/expenses", expenseBody({ description: "Alice only" }));
    const bob = await createTestUser();
    const [, ...rows] = await records(await download("", bob.accessToken));
    expect(rows).toEqual([]);
    const [, ...aliceRows] = await records(await download(""));
    expect(aliceRows.map((row) => row[5])).toContain("Alice only");
  });

  it("answers bad filters with problem+json before any CSV", async () => {
    for (const [query, status, field] of [
      ["from=2025-13-01", 422, "from"],
      ["from=2025-03-02&to=2025-03-01", 422, "from"],
      ["limit=5", 422, "limit"],
      ["from=2025-01-01&from=2025-02-01", 400, "from"],
    ] as const) {
      const res = await download(query);
      expect(res.status, query).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await res.json()) as { errors?: { path: string }[] };
      expect(problem.errors?.map((e) => e.path)).toContain(field);
    }
  });

  it("is a 401 without a valid access token: none, garbage, alg none, an id token, another app client's token", async () => {
    const forged = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify({ sub: alice.userId, token_use: "access" })).toString("base64url")}.`;
    const cognito = new CognitoIdentityProviderClient({ endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const poolId = (JSON.parse(env.SST_RESOURCE_UserPool ?? "{}") as { id: string }).id;
    const other = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "other-app", ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] }));
    const otherToken = await cognito.send(
      new InitiateAuthCommand({ ClientId: other.UserPoolClient?.ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: alice.email, PASSWORD: alice.password } }),
    );
    cognito.destroy();
    for (const token of [null, "not-a-jwt", forged, alice.idToken, otherToken.AuthenticationResult?.AccessToken ?? "missing"]) {
      const res = await download("", token);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ status: 401, title: "Not signed in" });
    }
  });

  it("streams 20,000 rows complete", async () => {
    const user = await createTestUser();
    const client = createDocumentClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
    const now = new Date();
    const inputs = Array.from({ length: 20_000 }, (_, i) => ({
      // Contiguous months: each seeding batch touches one user-month, so the analytics feed rebuilds few objects.
      input: NewExpenseSchema.parse(expenseBody({ date: `2024-${String(Math.floor(i / 1667) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`, description: `Row ${i}` })),
      id: ulid(),
      now,
    }));
    await seedExpenses({ client, tableName: tableNameFrom(env) }, user.userId, inputs);
    const res = await download("", user.accessToken);
    const [, ...rows] = await records(res);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((row) => row[8])).size).toBe(20_000);
    expect(new Set(rows.map((row) => row[5]))).toEqual(new Set(inputs.map(({ input }) => input.description)));
  }, 180_000);

  it("is served at /api/export by the app too (npm run dev forwards it to the function)", async () => {
    const direct = await fileText(await download("from=2025-01-01"));
    const res = await exportRoute.GET(new Request("http://localhost/api/export?from=2025-01-01", { headers: { authorization: `Bearer ${alice.accessToken}` } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="expenses-2025-01-01-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(await fileText(res)).toBe(direct);
    const unauthenticated = await exportRoute.GET(new Request("http://localhost/api/export"));
    expect(unauthenticated.status).toBe(401);
  });
});
