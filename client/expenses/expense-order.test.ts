import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendPage, compareNewestFirst, insertExpense, placeInPages } from "./expense-order";

const item = (id: string, date: string) => ({ id, date });

describe("compareNewestFirst", () => {
  it("orders by date, newest first, then by id (creation), newest first", () => {
    const items = [item("01A", "2025-03-01"), item("01C", "2025-03-02"), item("01B", "2025-03-02")];
    expect([...items].sort(compareNewestFirst).map((i) => i.id)).toEqual(["01C", "01B", "01A"]);
  });
});

describe("insertExpense", () => {
  const loaded = [item("03", "2025-03-14"), item("02", "2025-03-10"), item("01", "2025-03-01")];

  it("puts a new expense where the API would list it", () => {
    expect(insertExpense(loaded, item("04", "2025-03-12"), false).map((i) => i.id)).toEqual(["03", "04", "02", "01"]);
  });

  it("leaves an expense older than every loaded one for Load more when more pages exist", () => {
    expect(insertExpense(loaded, item("04", "2024-12-31"), true).map((i) => i.id)).toEqual(["03", "02", "01"]);
    expect(insertExpense(loaded, item("04", "2024-12-31"), false).map((i) => i.id)).toEqual(["03", "02", "01", "04"]);
  });

  it("never shows an expense twice (a replayed create)", () => {
    expect(insertExpense(loaded, item("02", "2025-03-10"), false).map((i) => i.id)).toEqual(["03", "02", "01"]);
  });

  it("keeps any list sorted (property)", () => {
    const arbItem = fc.record({ id: fc.stringMatching(/^[0-9A-Z]{4}$/), date: fc.constantFrom("2025-01-01", "2025-02-01", "2025-03-01") });
    fc.assert(
      fc.property(fc.uniqueArray(arbItem, { selector: (i) => i.id }), arbItem, (items, added) => {
        const sorted = [...items].sort(compareNewestFirst);
        const result = insertExpense(sorted, added, false);
        expect(result).toEqual([...sorted.filter((i) => i.id !== added.id), added].sort(compareNewestFirst));
      }),
    );
  });
});

describe("appendPage", () => {
  it("skips items already shown", () => {
    expect(appendPage([item("03", "2025-03-14")], [item("03", "2025-03-14"), item("02", "2025-03-10")]).map((i) => i.id)).toEqual([
      "03",
      "02",
    ]);
  });
});

describe("placeInPages", () => {
  const pages = [
    { items: [item("05", "2025-03-20"), item("04", "2025-03-18")], nextCursor: "c1" },
    { items: [item("02", "2025-03-05")], nextCursor: null },
  ];
  it("moves an edited expense to its new place across pages", () => {
    const moved = placeInPages(pages, item("05", "2025-03-01"), true);
    expect(moved.flatMap((p) => p.items).map((i) => i.id)).toEqual(["04", "02", "05"]);
    expect(moved.at(-1)?.nextCursor).toBeNull();
  });
  it("removes an expense that no longer matches", () => {
    expect(placeInPages(pages, item("04", "2025-03-18"), false).flatMap((p) => p.items).map((i) => i.id)).toEqual(["05", "02"]);
  });
});
