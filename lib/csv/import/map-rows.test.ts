import { describe, expect, it } from "vitest";
import { fixture, summarise } from "./__fixtures__/fixtures";
import { detectSettings } from "./detect-settings";
import type { BankImportSettings, ImportSettings } from "./import-settings";
import { mapRows } from "./map-rows";

const today = "2026-01-15";
const detected = (bytes: Buffer, defaultCurrency = "EUR", localeHint?: string) => detectSettings(bytes, { defaultCurrency, localeHint }).settings;
const rowsOf = (name: Parameters<typeof fixture>[0], defaultCurrency = "EUR", localeHint?: string) => {
  const bytes = fixture(name);
  return summarise(mapRows(bytes, detected(bytes, defaultCurrency, localeHint), { today }));
};
const CREDIT = "Credit (money in) — not a spending";

function bankSettings(settings: ImportSettings): BankImportSettings {
  if (settings.kind !== "bank") throw new Error("expected a bank file");
  return settings;
}

describe("mapRows on bank exports", () => {
  it("maps the German export: umlauts, 1.444,00 as 144400 cents, Haben skipped, the zero fee and the balance line skipped", () => {
    expect(rowsOf("german-bank-latin1.csv", "EUR", "de-DE")).toEqual([
      [6, "expense", "2025-03-03", 480n, "EUR", "Bäckerei Schäfer", "Kartenzahlung Bäckerei Schäfer Köln"],
      [7, "expense", "2025-03-04", 2345n, "EUR", "REWE Markt GmbH", "REWE SAGT DANKE 4711"],
      [8, "expense", "2025-03-05", 144400n, "EUR", "Hausverwaltung Groß", "Miete März 2025"],
      [9, "skipped", CREDIT],
      [10, "expense", "2025-03-12", 799n, "EUR", "Drogerie Müller", 'Einkauf; Zahnpasta "Sensitiv"'],
      [11, "expense", "2025-03-28", 9500n, "EUR", "Stadtwerke Düsseldorf", "Abschlag Strom/Gas"],
      [12, "skipped", "Zero amount — nothing was spent"],
      [13, "skipped", "Balance or total line — not a transaction"],
    ]);
  });

  it("maps the Dutch export: Af is money out, Bij is skipped, the name is the merchant", () => {
    expect(rowsOf("dutch-bank-bom.csv")).toEqual([
      [2, "expense", "2025-03-03", 2345n, "EUR", "Albert Heijn 1403", "Pasvolgnr: 001 03-03-2025 17:42 Transactie: 2A3B4C Term: CT123456"],
      [3, "expense", "2025-03-04", 420n, "EUR", "NS Groep IZ namens NS Reizigers", "Naam: NS Groep IZ namens NS Reizigers Omschrijving: OV-chipkaart reis"],
      [4, "skipped", CREDIT],
      [5, "expense", "2025-03-15", 1850n, "EUR", "Café De Jaren", "Pasvolgnr: 001 15-03-2025 21:03 Transactie: 9F8E7D Term: AB9876"],
      [6, "expense", "2025-03-20", 104999n, "EUR", "Bol.com BV", "Naam: Bol.com BV Omschrijving: Bestelling 1234567890"],
    ]);
  });

  it("maps the US export: withdrawals in cents, the deposit skipped, one text column as the description", () => {
    expect(rowsOf("us-bank.csv", "EUR", "en-US")).toEqual([
      [5, "expense", "2025-03-02", 575n, "USD", null, "STARBUCKS STORE 10432 SEATTLE WA"],
      [6, "skipped", CREDIT],
      [7, "expense", "2025-03-13", 150000n, "USD", null, "RENT PAYMENT, CHECK 1042"],
      [8, "expense", "2025-03-18", 8640n, "USD", null, "WHOLE FOODS MARKET #10234"],
      [9, "expense", "2025-03-25", 2399n, "USD", null, "AMAZON.COM*AB12CD34 AMZN.COM/BILL WA"],
    ]);
  });

  it("maps the UK export: £1,183.23 is 118323 pence, dates day first", () => {
    expect(rowsOf("uk-bank-windows1252.csv")).toEqual([
      [6, "expense", "2025-03-03", 1240n, "GBP", null, "TESCO STORES 2345"],
      [7, "expense", "2025-03-14", 3800n, "GBP", null, "THAMES WATER"],
      [8, "skipped", CREDIT],
      [9, "expense", "2025-03-28", 685n, "GBP", null, "PRET A MANGER"],
      [10, "expense", "2025-03-31", 118323n, "GBP", null, "RENT"],
    ]);
  });

  it("skips Pending rows and CR-marked credits on a card statement", () => {
    expect(rowsOf("card-pending-cr.csv", "AUD")).toEqual([
      [2, "skipped", "Pending — not booked yet"],
      [3, "skipped", "Pending — not booked yet"],
      [4, "expense", "2025-03-05", 4560n, "AUD", null, "WOOLWORTHS 1234 SYDNEY"],
      [5, "skipped", CREDIT],
      [6, "expense", "2025-03-12", 6815n, "AUD", null, "SHELL COLES EXPRESS 1234"],
      [7, "expense", "2025-03-15", 1699n, "AUD", null, "NETFLIX.COM"],
      [8, "skipped", CREDIT],
    ]);
  });

  it("gives each row the line it starts on when quoted fields hold newlines, and keeps the text on one line", () => {
    expect(rowsOf("quoted-multiline.csv")).toEqual([
      [2, "expense", "2025-03-01", 12000n, "EUR", "Smith, Jones & Co", "Invoice 42, paid by card"],
      [4, "expense", "2025-03-02", 850n, "EUR", 'Corner "Deli"', "Lunch"],
      [5, "expense", "2025-03-04", 2499n, "EUR", "Bookshop", 'Gift for Anna, birthday "Happy 30th"'],
      [8, "skipped", CREDIT],
      [9, "expense", "2025-03-06", 640n, "EUR", 'Bäckerei "Zum Korn"', "Brot, Brötchen"],
    ]);
  });

  it("rejects a date that does not exist, an amount that is no number and yen with decimals, and keeps the rest", () => {
    expect(rowsOf("bad-rows.csv")).toEqual([
      [2, "expense", "2025-03-03", 350n, "EUR", "Bäckerei Kamps", "Brötchen"],
      [3, "rejected", "The date '31.02.2025' is not a real date"],
      [4, "rejected", "The amount 'abc' is not a number"],
      [5, "rejected", "JPY has no decimals: '-1.250,50'"],
      [6, "expense", "2025-03-06", 1499n, "EUR", "Thalia Buchhandlung", "Roman"],
    ]);
  });

  it("takes the file's category when it is a valid one: a default is matched, anything else is the user's own", () => {
    const bytes = fixture("card-tabs.tsv");
    const categories = [...mapRows(bytes, detected(bytes, "USD", "en-US"), { today })].map((row) => (row.kind === "expense" ? [row.line, row.input.category] : [row.line]));
    expect(categories).toEqual([[2, "Groceries"], [3, "Gas"], [4], [5, "Food & Drink"], [6]]);
  });

  it("reads ambiguous dates the way the settings say (the user's answer in the preview)", () => {
    const bytes = fixture("ambiguous-dates.csv");
    const settings = bankSettings(detected(bytes, "GBP", "en-GB"));
    const dates = (format: BankImportSettings["dateFormat"]) =>
      [...mapRows(bytes, { ...settings, dateFormat: format }, { today })].map((row) => (row.kind === "expense" ? row.input.date : row.reason));
    expect(dates("DD/MM/YYYY")).toEqual(["2025-04-03", "2025-06-05", "2025-12-11"]);
    expect(dates("MM/DD/YYYY")).toEqual(["2025-03-04", "2025-05-06", "2025-11-12"]);
  });
});

describe("mapRows options and settings", () => {
  const csv = "Date,Description,Amount,Category\n2025-03-01,Coffee,-3.50,\n2025-03-02,Salary,2000.00,\n2026-01-16,Tomorrow,-1.00,\n2026-01-17,Later,-1.00,Nonsense\u0007\n";
  const settings = () => bankSettings(detected(Buffer.from(csv), "EUR"));

  it("rejects dates more than a day after today, which is a parameter", () => {
    expect(summarise(mapRows(csv, settings(), { today: "2026-01-15" }))).toEqual([
      [2, "expense", "2025-03-01", 350n, "EUR", null, "Coffee"],
      [3, "skipped", CREDIT],
      [4, "expense", "2026-01-16", 100n, "EUR", null, "Tomorrow"],
      [5, "rejected", "The date '2026-01-17' is in the future"],
    ]);
  });

  it("imports money in too when skipCredits is off", () => {
    const rows = [...mapRows(csv, { ...settings(), skipCredits: false }, { today })];
    expect(rows[1]).toMatchObject({ kind: "expense", line: 3, input: { amountMinor: 200000n, description: "Salary" } });
  });

  it("puts rows without a valid category in the default category given", () => {
    const rows = [...mapRows(csv, settings(), { today: "2026-02-01", defaultCategory: "shopping" })];
    expect(rows.map((row) => (row.kind === "expense" ? row.input.category : null))).toEqual(["Shopping", null, "Shopping", "Shopping"]);
  });

  it("accepts text and records as well as bytes", () => {
    const fromRecords = mapRows([{ line: 7, cells: ["2025-03-01", "Coffee", "-3.50", ""] }], { ...settings(), headerRow: null }, { today });
    expect(summarise(fromRecords)).toEqual([[7, "expense", "2025-03-01", 350n, "EUR", null, "Coffee"]]);
  });

  it("refuses settings that contradict themselves, before reading anything", () => {
    expect(() => [...mapRows(csv, { ...settings(), signConvention: "markerColumn" }, { today })]).toThrow(/marker/);
    expect(() => [...mapRows(csv, { ...settings(), columns: { ...settings().columns, amount: null } }, { today })]).toThrow(/amount/);
    expect(() => [...mapRows(csv, settings(), { today: "15.01.2026" })]).toThrow();
  });

  it("says why odd rows are not expenses: empty, a total, no date, a wrong date, no amount, an unknown currency", () => {
    const text = [
      "Datum;Text;Betrag;Währung",
      ";;;",
      "Summe;;-99,00;EUR",
      ";nur Text;;",
      "01.13.2025;Falsch;-1,00;EUR",
      "Gestern;Falsch;-1,00;EUR",
      "02.03.2025;Ohne Betrag;;EUR",
      "03.03.2025;Taler;-1,00;XTL",
      "04.03.2025;Kurs;-1,5;EUR",
      "05.03.2025;ok;-1,50;eur",
    ].join("\n");
    const found = bankSettings(detected(Buffer.from(text)));
    // Two odd cells in eight are too many for detection to call Währung a currency column: the user says so.
    const settings = { ...found, columns: { ...found.columns, currency: 3 } };
    expect(summarise(mapRows(text, settings, { today }))).toEqual([
      [2, "skipped", "Empty row"],
      [3, "skipped", "Balance or total line — not a transaction"],
      [4, "skipped", "Not a transaction: no date and no amount"],
      [5, "rejected", "The date '01.13.2025' is not a real date"],
      [6, "rejected", "The date 'Gestern' is not a date written as DD.MM.YYYY"],
      [7, "rejected", "The row has no amount"],
      [8, "rejected", "The currency 'XTL' is not an ISO 4217 currency code"],
      [9, "expense", "2025-03-04", 150n, "EUR", null, "Kurs"],
      [10, "expense", "2025-03-05", 150n, "EUR", null, "ok"],
    ]);
  });

  it("cuts a description to 500 characters and a merchant to 200, on one line", () => {
    const text = `Date,Payee,Memo,Amount\n2025-03-01,${"M".repeat(250)},"${"abcdef\n".repeat(100)}",-1.00\n`;
    const [row] = mapRows(text, bankSettings(detected(Buffer.from(text))), { today });
    expect(row?.kind === "expense" && [row.input.merchant?.length, row.input.description.length, row.input.description.includes("\n")]).toEqual([200, 500, false]);
  });

  it("reports a quote that never closes as a rejected line and stops there", () => {
    const text = 'Date,Memo,Amount\n2025-03-01,ok,-1.00\n2025-03-02,"broken,-2.00\n2025-03-03,more,-3.00\n';
    expect(summarise(mapRows(text, bankSettings(detected(Buffer.from("Date,Memo,Amount\n2025-03-01,ok,-1.00\n"))), { today }))).toEqual([
      [2, "expense", "2025-03-01", 100n, "EUR", null, "ok"],
      [3, "rejected", "A quote opened on line 3 never closes, so the file cannot be read from there on"],
    ]);
  });
});
