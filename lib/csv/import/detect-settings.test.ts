import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors";
import { fixture } from "./__fixtures__/fixtures";
import { detectSettings } from "./detect-settings";
import type { ColumnMapping } from "./import-settings";

const none: ColumnMapping = { date: 0, amount: null, debit: null, credit: null, marker: null, currency: null, description: null, merchant: null, category: null };
const bank = { kind: "bank", markerDebitValues: [], thousandsSeparator: "", skipCredits: true } as const;

describe("detectSettings", () => {
  it("reads a German bank export: Latin-1, semicolons, preamble, DD.MM.YYYY, decimal comma, Soll/Haben marker", () => {
    const detection = detectSettings(fixture("german-bank-latin1.csv"), { defaultCurrency: "EUR", localeHint: "de-DE" });
    expect(detection.settings).toEqual({
      ...bank,
      encoding: "iso-8859-1",
      delimiter: ";",
      headerRow: 5,
      columns: { ...none, date: 0, amount: 4, currency: 5, marker: 6, merchant: 2, description: 3 },
      markerDebitValues: ["S"],
      dateFormat: "DD.MM.YYYY",
      decimalSeparator: ",",
      thousandsSeparator: ".",
      signConvention: "markerColumn",
      defaultCurrency: "EUR",
    });
    expect(detection.ambiguities).toEqual([]);
    expect(detection.columns.map((c) => c.name)).toEqual(["Buchungstag", "Valuta", "Auftraggeber/Empfänger", "Verwendungszweck", "Betrag", "Währung", "Soll/Haben"]);
    expect(detection.columns[2]).toEqual({ index: 2, name: "Auftraggeber/Empfänger", role: "merchant", samples: ["Bäckerei Schäfer", "REWE Markt GmbH", "Hausverwaltung Groß", "Muster AG", "Drogerie Müller"] });
    expect(detection.rowCount).toBe(8);
  });

  it("reads a Dutch bank export: BOM, quoted fields, YYYYMMDD, an Af/Bij marker, the currency in the header", () => {
    const detection = detectSettings(fixture("dutch-bank-bom.csv"), { defaultCurrency: "USD", localeHint: "nl-NL" });
    expect(detection.settings).toEqual({
      ...bank,
      encoding: "utf-8",
      delimiter: ",",
      headerRow: 1,
      columns: { ...none, date: 0, amount: 6, marker: 5, merchant: 1, description: 8 },
      markerDebitValues: ["Af"],
      dateFormat: "YYYYMMDD",
      decimalSeparator: ",",
      signConvention: "markerColumn",
      defaultCurrency: "EUR",
    });
    expect(detection).toMatchObject({ isAmbiguous: false, confidence: 1 });
  });

  it("reads a US bank export: header after three preamble lines, MM/DD/YYYY, Withdrawal/Deposit, $ with thousands", () => {
    const detection = detectSettings(fixture("us-bank.csv"), { defaultCurrency: "EUR", localeHint: "en-US" });
    expect(detection.settings).toEqual({
      ...bank,
      encoding: "utf-8",
      delimiter: ",",
      headerRow: 4,
      columns: { ...none, date: 0, debit: 2, credit: 3, description: 1 },
      dateFormat: "MM/DD/YYYY",
      decimalSeparator: ".",
      thousandsSeparator: ",",
      signConvention: "debitCreditColumns",
      defaultCurrency: "USD",
    });
    // "$" is not the user's currency (EUR): the US locale picked USD, and the preview is told it was a guess.
    expect(detection.ambiguities.map((a) => [a.field, a.options[0]])).toEqual([["defaultCurrency", "USD"]]);
  });

  it("takes a $ file as the user's own dollar currency without asking", () => {
    const detection = detectSettings(fixture("us-bank.csv"), { defaultCurrency: "CAD" });
    expect(detection.settings).toMatchObject({ defaultCurrency: "CAD" });
    expect(detection.isAmbiguous).toBe(false);
  });

  it("reads a UK bank export: Windows-1252 £, DD/MM/YYYY decided by a day above 12, Paid out/Paid in", () => {
    const detection = detectSettings(fixture("uk-bank-windows1252.csv"), { defaultCurrency: "EUR", localeHint: "en-US" });
    expect(detection.settings).toEqual({
      ...bank,
      // chardet cannot tell: the only non-ASCII byte, 0xA3 (£), is the same in both code pages.
      encoding: "iso-8859-1",
      delimiter: ",",
      headerRow: 5,
      columns: { ...none, date: 0, debit: 3, credit: 4, description: 2 },
      dateFormat: "DD/MM/YYYY",
      decimalSeparator: ".",
      thousandsSeparator: ",",
      signConvention: "debitCreditColumns",
      defaultCurrency: "GBP",
    });
    expect(detection.ambiguities).toEqual([]);
  });

  it("reads DD-Mon-YYYY dates past Pending rows, and a CR-marked statement as positive = money out", () => {
    const detection = detectSettings(fixture("card-pending-cr.csv"), { defaultCurrency: "AUD" });
    expect(detection.settings).toEqual({
      ...bank,
      encoding: "utf-8",
      delimiter: ",",
      headerRow: 1,
      columns: { ...none, date: 0, amount: 2, description: 1 },
      dateFormat: "DD-MMM-YYYY",
      decimalSeparator: ".",
      signConvention: "positiveIsExpense",
      defaultCurrency: "AUD",
    });
    expect(detection.ambiguities).toEqual([]);
    expect(detection.confidence).toBe(0.71);
  });

  it("reads quoted fields with commas and newlines; Payee is the merchant, Memo the description", () => {
    const detection = detectSettings(fixture("quoted-multiline.csv"), { defaultCurrency: "EUR" });
    expect(detection.settings).toMatchObject({
      delimiter: ",",
      headerRow: 1,
      columns: { ...none, date: 0, amount: 3, merchant: 1, description: 2 },
      dateFormat: "YYYY-MM-DD",
      decimalSeparator: ".",
      signConvention: "negativeIsExpense",
    });
  });

  it("reads a tab-separated card export: the transaction date over the post date, its category column", () => {
    const detection = detectSettings(fixture("card-tabs.tsv"), { defaultCurrency: "USD", localeHint: "en-US" });
    expect(detection.settings).toEqual({
      ...bank,
      encoding: "utf-8",
      delimiter: "\t",
      headerRow: 1,
      columns: { ...none, date: 0, amount: 5, description: 2, category: 3 },
      dateFormat: "MM/DD/YYYY",
      decimalSeparator: ".",
      signConvention: "negativeIsExpense",
      defaultCurrency: "USD",
    });
  });

  it("flags dates that fit DD/MM and MM/DD alike and lets the locale choose", () => {
    const british = detectSettings(fixture("ambiguous-dates.csv"), { defaultCurrency: "GBP", localeHint: "en-GB" });
    const american = detectSettings(fixture("ambiguous-dates.csv"), { defaultCurrency: "USD", localeHint: "en-US" });
    expect(british.settings).toMatchObject({ dateFormat: "DD/MM/YYYY" });
    expect(american.settings).toMatchObject({ dateFormat: "MM/DD/YYYY" });
    expect(british.isAmbiguous).toBe(true);
    expect(british.ambiguities).toEqual([
      { field: "dateFormat", message: "Every date reads both as DD/MM/YYYY and as MM/DD/YYYY; DD/MM/YYYY follows your locale", options: ["DD/MM/YYYY", "MM/DD/YYYY"] },
    ]);
    expect(american.ambiguities[0]?.options).toEqual(["MM/DD/YYYY", "DD/MM/YYYY"]);
  });

  it("decides DD/MM vs MM/DD from all rows: the one date that tells is on the last of 1,000", () => {
    const rows = Array.from({ length: 999 }, (_, i) => `0${(i % 9) + 1}/0${(i % 8) + 1}/2025,Shop ${i},-1.00`);
    const file = (last: string) => Buffer.from(["Date,Description,Amount", ...rows, `${last},Last,-1.00`].join("\n"));
    expect(detectSettings(file("13/03/2025"), { defaultCurrency: "EUR", localeHint: "en-US" })).toMatchObject({ settings: { dateFormat: "DD/MM/YYYY" }, ambiguities: [] });
    expect(detectSettings(file("03/13/2025"), { defaultCurrency: "EUR", localeHint: "en-GB" })).toMatchObject({ settings: { dateFormat: "MM/DD/YYYY" }, ambiguities: [] });
  });

  it("recognises our own export by its header and asks nothing", () => {
    const detection = detectSettings(fixture("ledgerline-export.csv"), { defaultCurrency: "USD" });
    expect(detection).toMatchObject({ settings: { kind: "ledgerline", encoding: "utf-8", delimiter: "," }, isAmbiguous: false, confidence: 1, rowCount: 4 });
    expect(detection.columns.map((c) => c.name)).toEqual(["date", "amount", "currency", "category", "merchant", "description", "tags", "receipt", "id"]);
  });

  it("keeps bad rows from changing the detection: one wrong date and one wrong amount in five", () => {
    const detection = detectSettings(fixture("bad-rows.csv"), { defaultCurrency: "EUR" });
    expect(detection.settings).toMatchObject({
      delimiter: ";",
      columns: { ...none, date: 0, amount: 3, currency: 4, merchant: 1, description: 2 },
      dateFormat: "DD.MM.YYYY",
      decimalSeparator: ",",
      thousandsSeparator: ".",
      signConvention: "negativeIsExpense",
    });
    expect(detection.confidence).toBe(0.8);
  });

  it("refuses a file with no dated amounts in it", () => {
    expect(() => detectSettings(Buffer.from("name,comment\nAnna,hello\nBob,hi\n"), { defaultCurrency: "EUR" })).toThrow(ValidationError);
  });

  it("validates its options", () => {
    expect(() => detectSettings(fixture("us-bank.csv"), { defaultCurrency: "XXQ" })).toThrow();
  });
});
