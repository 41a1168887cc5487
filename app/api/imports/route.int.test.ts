import { readFileSync } from "node:fs";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, type Api } from "@/app/api/expenses/test-client";
import { expenseBody } from "@/lib/expenses/test-support";
import { closedAccountItem } from "@/lib/account/closed-account";
import { importKey } from "@/lib/imports/import-item";
import { localRepository, localStackEnv } from "@/local/test-stack";
import type { ImportGrant, ImportJson } from "@/lib/imports/import-schemas";
import { formatAmount, parseAmount } from "@/lib/money";
import { uploadWithGrant } from "@/lib/receipts/test-files";
import type { ExpenseJson, ExpenseList, Summary } from "@/lib/schemas";
import { createTestUser } from "@/local/test-users";

const fixture = (name: string) => readFileSync(new URL(`../../../lib/csv/import/__fixtures__/${name}`, import.meta.url));

beforeAll(() => {
  localStackEnv();
});

async function newApi(): Promise<Api> {
  return apiAs((await createTestUser()).accessToken);
}

/** Polls the import until `isDone` says so: the function runs asynchronously, as on AWS. */
async function until(api: Api, id: string, isDone: (value: ImportJson) => boolean): Promise<ImportJson> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const { body } = await api.get<ImportJson>(`/api/imports/${id}`);
    if (isDone(body)) return body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function upload(api: Api, file: Buffer, fileName = "statement.csv"): Promise<ImportJson> {
  const grant = await api.post<ImportGrant>("/api/imports", { fileName, size: file.length, contentType: "text/csv" });
  expect(grant.status).toBe(201);
  expect((await uploadWithGrant(grant.body, file)).status).toBe(204);
  return until(api, grant.body.importId, (i) => i.status !== "uploading");
}

async function commit(api: Api, id: string, body: Record<string, unknown> = {}): Promise<ImportJson> {
  const res = await api.post<ImportJson>(`/api/imports/${id}/commit`, body);
  expect(res.status).toBe(202);
  return until(api, id, (i) => i.status === "done" || i.status === "failed");
}

async function allExpenses(api: Api): Promise<ExpenseJson[]> {
  const items: ExpenseJson[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: ExpenseList } = await api.get<ExpenseList>(`/api/expenses?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** The summary must equal the sum of the items: computed here from the list, independently of the aggregates. */
async function expectSummaryMatchesItems(api: Api) {
  const items = await allExpenses(api);
  const cells = new Map<string, { month: string; currency: string; category: string; minor: bigint; count: number }>();
  for (const e of items) {
    const key = [e.date.slice(0, 7), e.currency, e.category].join("|");
    const cell = cells.get(key) ?? { month: e.date.slice(0, 7), currency: e.currency, category: e.category, minor: 0n, count: 0 };
    cell.minor += parseAmount(e.amount, e.currency);
    cell.count++;
    cells.set(key, cell);
  }
  const expected = [...cells.values()]
    .map((c) => ({ month: c.month, currency: c.currency, category: c.category, amount: formatAmount(c.minor, c.currency), count: c.count }))
    .sort((a, b) => `${a.month}|${a.currency}|${a.category}`.localeCompare(`${b.month}|${b.currency}|${b.category}`));
  const { body } = await api.get<Summary>("/api/summary?from=2020-01-01&to=2029-12-31");
  const actual = [...body.totals].sort((a, b) => `${a.month}|${a.currency}|${a.category}`.localeCompare(`${b.month}|${b.currency}|${b.category}`));
  expect(actual).toEqual(expected);
}

describe("CSV import: preview, commit, report", () => {
  it("reads a German bank file (Latin-1, semicolons, decimal comma, Soll/Haben) into a preview, then imports it exactly", async () => {
    const api = await newApi();
    const preview = await upload(api, fixture("german-bank-latin1.csv"));
    expect(preview.status).toBe("preview");
    expect(preview.settings).toMatchObject({ kind: "bank", encoding: expect.stringMatching(/8859-1|1252/), delimiter: ";", dateFormat: "DD.MM.YYYY", decimalSeparator: "," });
    expect(preview.preview?.find((row) => row.kind === "expense")).toMatchObject({
      kind: "expense",
      line: 6,
      expense: { date: "2025-03-03", amount: "4.80", currency: "EUR", merchant: "Bäckerei Schäfer" },
    });
    expect(await allExpenses(api)).toEqual([]);

    const done = await commit(api, preview.id);
    expect(done.counts).toMatchObject({ accepted: 5, rejected: 0 });
    expect(done.lines?.find((line) => line.line === 9)).toMatchObject({ kind: "skipped" });
    const stored = await allExpenses(api);
    expect(stored.map((e) => [e.date, e.amount])).toEqual(
      expect.arrayContaining([
        ["2025-03-05", "1444.00"],
        ["2025-03-12", "7.99"],
      ]),
    );
    await expectSummaryMatchesItems(api);
  });

  it("rejects three bad rows with their line numbers and imports the rest", async () => {
    const api = await newApi();
    const done = await commit(api, (await upload(api, fixture("bad-rows.csv"))).id);
    expect(done.counts).toMatchObject({ accepted: 2, rejected: 3 });
    expect(done.lines?.filter((l) => l.kind === "rejected").map((l) => l.line)).toEqual([3, 4, 5]);
    expect(done.lines?.find((l) => l.line === 3)?.reason).toMatch(/31\.02\.2025/);
    expect((await allExpenses(api)).map((e) => e.amount).sort()).toEqual(["14.99", "3.50"]);
  });

  it("adds nothing when the same file is imported again, and only the new rows of an overlapping file", async () => {
    const api = await newApi();
    const first = await commit(api, (await upload(api, fixture("identical-rows.csv"))).id);
    // Two identical real transactions on 7 March are both kept.
    expect(first.counts).toMatchObject({ accepted: 4, duplicates: 0 });
    expect((await allExpenses(api)).filter((e) => e.date === "2025-03-07")).toHaveLength(2);

    const again = await commit(api, (await upload(api, fixture("identical-rows.csv"))).id);
    expect(again.counts).toMatchObject({ accepted: 0, duplicates: 4 });

    const overlap = await commit(api, (await upload(api, fixture("identical-rows-overlap.csv"))).id);
    expect(overlap.counts).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(await allExpenses(api)).toHaveLength(5);
    await expectSummaryMatchesItems(api);
  });

  it("lists rows that look like expenses typed by hand instead of importing them, and imports them when asked", async () => {
    const api = await newApi();
    await api.post("/api/expenses", expenseBody({ date: "2025-03-08", amount: "2.10", currency: "EUR", description: "Bakery (typed)" }));
    const done = await commit(api, (await upload(api, fixture("identical-rows.csv"))).id);
    expect(done.counts).toMatchObject({ accepted: 3, possibleDuplicates: 1 });
    const possible = done.lines?.find((l) => l.kind === "possible-duplicate");
    expect(possible?.line).toBe(5);

    const kept = await commit(api, done.id, { includeLines: [5] });
    expect(kept.counts).toMatchObject({ accepted: 4, possibleDuplicates: 0 });
    expect((await allExpenses(api)).filter((e) => e.date === "2025-03-08" && e.amount === "2.10")).toHaveLength(2);
  });

  it("lets the user change the date format in the preview and see it", async () => {
    const api = await newApi();
    const preview = await upload(api, fixture("ambiguous-dates.csv"));
    const settings = preview.settings;
    if (!settings || settings.kind !== "bank") throw new Error("expected bank settings");
    const other = settings.dateFormat === "DD/MM/YYYY" ? "MM/DD/YYYY" : "DD/MM/YYYY";
    const changed = await api.patch<ImportJson>(`/api/imports/${preview.id}`, { settings: { ...settings, dateFormat: other } });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ dateFormat: other });
    const before = preview.preview?.flatMap((r) => (r.kind === "expense" ? [r.expense.date] : []));
    const after = changed.body.preview?.flatMap((r) => (r.kind === "expense" ? [r.expense.date] : []));
    expect(after).not.toEqual(before);
    const bad = await api.patch(`/api/imports/${preview.id}`, { settings: { ...settings, dateFormat: "YYYY-DD-MM" } });
    expect(bad.status).toBe(422);
  });

  it("undo deletes exactly what the import created: the list and the summary are as before", async () => {
    const api = await newApi();
    await api.post("/api/expenses", expenseBody({ date: "2025-03-20", amount: "9.99", description: "Mine" }));
    const before = await allExpenses(api);
    const done = await commit(api, (await upload(api, fixture("german-bank-latin1.csv"))).id);
    expect(done.counts?.accepted).toBe(5);
    const undo = await api.delete(`/api/imports/${done.id}`);
    expect(undo.status).toBe(202);
    await until(api, done.id, (i) => i.status === "undone");
    expect((await allExpenses(api)).map((e) => e.id)).toEqual(before.map((e) => e.id));
    await expectSummaryMatchesItems(api);
    // The rows are no longer marked as imported: importing the file again adds them again.
    expect((await commit(api, (await upload(api, fixture("german-bank-latin1.csv"))).id)).counts?.accepted).toBe(5);
  });

  it("keeps imports per user: another user's import is a 404 on every route", async () => {
    const alice = await newApi();
    const bob = await newApi();
    const preview = await upload(alice, fixture("identical-rows.csv"));
    expect((await bob.get(`/api/imports/${preview.id}`)).status).toBe(404);
    expect((await bob.post(`/api/imports/${preview.id}/commit`, {})).status).toBe(404);
    expect((await bob.patch(`/api/imports/${preview.id}`, { settings: preview.settings })).status).toBe(404);
    expect((await bob.delete(`/api/imports/${preview.id}`)).status).toBe(404);
    expect((await bob.get<{ items: unknown[] }>("/api/imports")).body.items).toEqual([]);
    expect((await alice.get<ImportJson>(`/api/imports/${preview.id}`)).body.status).toBe("preview");
  });

  it("stops quietly and writes nothing when the account was deleted while its import waited to commit", async () => {
    const user = await createTestUser();
    const api = apiAs(user.accessToken);
    const preview = await upload(api, fixture("identical-rows.csv"));
    const { client, tableName } = localRepository();
    // The state a commit is in when the function picks it up, set here so that no function run races the call below.
    await client.send(
      new UpdateCommand({ TableName: tableName, Key: importKey(user.userId, preview.id), UpdateExpression: "SET #s = :c", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":c": "committing" } }),
    );
    await client.send(new PutCommand({ TableName: tableName, Item: closedAccountItem(user.userId, new Date()) }));
    const { handler } = await import("@/functions/import");
    expect(await handler({ action: "commit", userId: user.userId, importId: preview.id })).toEqual([{ outcome: "account closed" }]);
    expect(await allExpenses(api)).toEqual([]);
  });

  it("refuses a file over 20 MB or of another type before any grant", async () => {
    const api = await newApi();
    expect((await api.post("/api/imports", { fileName: "big.csv", size: 21 * 1024 * 1024 })).status).toBe(422);
    expect((await api.post("/api/imports", { fileName: "photo.jpg", size: 10, contentType: "image/jpeg" })).status).toBe(422);
  });
});
