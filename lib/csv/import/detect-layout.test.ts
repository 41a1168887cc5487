import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors";
import { detectLayout } from "./detect-layout";

describe("detectLayout", () => {
  it("picks the delimiter by consistent field counts, not by the characters of line 1", () => {
    // Line 1 has more commas than semicolons, and every amount has a decimal comma.
    const text = "Konto, Giro, Max, Müller\nDatum;Text;Betrag\n01.03.2025;Brot, Milch;-3,20\n02.03.2025;Bus;-2,80\n03.03.2025;Kino, Popcorn;-12,00\n";
    expect(detectLayout(text)).toEqual({ delimiter: ";", headerRow: 2, header: ["Datum", "Text", "Betrag"], width: 3 });
  });

  it("finds the header after a preamble padded to the table's width, blank lines and a date range", () => {
    const text = [
      "Kontonummer:;123456789;;",
      "Zeitraum:;01.03.2025 - 31.03.2025;;",
      "",
      ";;;",
      "Buchungstag;Empfänger;Verwendungszweck;Betrag",
      "01.03.2025;REWE;Einkauf;-12,50",
      "02.03.2025;DB;Ticket;-45,00",
    ].join("\n");
    expect(detectLayout(text)).toMatchObject({ delimiter: ";", headerRow: 5, width: 4 });
  });

  it("takes a header whose last column is unnamed, as some banks write a marker column", () => {
    const text = "Datum;Betrag;\n01.03.2025;12,50;S\n02.03.2025;3,00;H\n";
    expect(detectLayout(text)).toMatchObject({ headerRow: 1, width: 3 });
  });

  it("reads a file of transactions with no header row", () => {
    const text = "2025-03-01,Coffee,-3.50\n2025-03-02,Bus,-2.80\n";
    expect(detectLayout(text)).toEqual({ delimiter: ",", headerRow: null, header: null, width: 3 });
  });

  it("counts a header line inside a quoted preamble field correctly", () => {
    const text = '"Bank notice:\nthree lines\nof text"\nDate,Amount\n2025-03-01,-3.50\n';
    expect(detectLayout(text)).toMatchObject({ headerRow: 4 });
  });

  it("refuses text without a single row holding a date and an amount", () => {
    expect(() => detectLayout("just,some\nwords,here\n")).toThrow(ValidationError);
  });
});
