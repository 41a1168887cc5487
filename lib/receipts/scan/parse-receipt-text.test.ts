import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReceiptText } from "./parse-receipt-text";
import { ScanResultSchema } from "../../schemas";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/ocr/${name}.txt`, import.meta.url), "utf8");

type Expected = {
  amount?: string;
  /** undefined: no currency read (the caller's default applies). */
  currency?: string;
  date?: string;
  merchant?: string;
  today?: string;
  defaultCurrency?: string;
};

/** What each OCR text in __fixtures__/ocr visibly says. Scan day 2025-06-30 unless given. */
const EXPECTED: Record<string, Expected> = {
  "01-us-grocery-tax": { amount: "18.58", currency: "USD", date: "2025-02-11", merchant: "FRESHWAY FOODS" },
  "02-us-restaurant-tip": { amount: "71.94", currency: "USD", date: "2025-04-18", merchant: "THE COPPER KETTLE" },
  "03-uk-pub-vat-change": { amount: "41.75", currency: "GBP", date: "2025-03-07", merchant: "THE KING'S ARMS" },
  "04-de-kassenbon-mwst": { amount: "9.25", currency: "EUR", date: "2025-03-14", merchant: "FRISCHE-MARKT GMBH" },
  "05-fr-tva-ttc": { amount: "54.50", currency: "EUR", date: "2025-02-22", merchant: "BRASSERIE LE MARAIS" },
  "06-nl-totaal": { amount: "17.46", currency: "EUR", date: "2025-01-28", merchant: "ALBERTSZ SUPERMARKT" },
  "07-it-totale-complessivo": { amount: "24.50", currency: "EUR", date: "2025-04-19", merchant: "PIZZERIA VESUVIO SRL" },
  "08-jp-konbini": { amount: "688", currency: "JPY", date: "2025-03-14", merchant: "ファミリーショップ 新宿店" },
  "09-jp-yen-suffix": { amount: "1000", currency: "JPY", date: "2025-05-02", merchant: "CAFE SAKURA" },
  "10-fuel-station": { amount: "68.89", currency: "EUR", date: "2025-06-01", merchant: "NORDSTERN TANKSTELLE" },
  "11-pharmacy-us": { amount: "26.99", currency: "USD", date: "2025-05-12", merchant: "HEALTHMART PHARMACY #2231" },
  "12-hotel-folio-balance-due": { amount: "998.40", currency: "AUD", date: "2025-03-15", merchant: "HARBOURVIEW HOTEL" },
  "13-discount-lines": { amount: "46.80", currency: "GBP", date: "2025-04-24", merchant: "HOMEWARE OUTLET" },
  "14-cash-tendered-change": { amount: "20.20", date: "2025-03-02", merchant: "SUNNY SIDE DINER", defaultCurrency: "USD" },
  "15-card-slip-de": { amount: "23.80", currency: "EUR", date: "2025-06-18", merchant: "BUCHHANDLUNG LESEZEIT" },
  "16-ocr-garbled": { amount: "11.90", currency: "USD", date: "2025-04-09", merchant: "CORNER BAKERY" },
  "17-tip-after-total": { amount: "103.50", currency: "USD", date: "2025-05-30", merchant: "OSTERIA BELLA" },
  "18-swiss-chf": { amount: "1234.50", currency: "CHF", date: "2025-05-02", merchant: "UHREN & SCHMUCK AG" },
  "19-fr-thousands-space": { amount: "1337.90", currency: "EUR", date: "2025-03-11", merchant: "MEUBLES DUPONT" },
  "20-de-two-digit-year": { amount: "4.90", currency: "EUR", date: "2025-04-09", merchant: "Bäckerei Sonnenschein" },
  "21-us-month-name": { amount: "9.01", currency: "USD", date: "2025-03-14", merchant: "BLUE DOOR ROASTERS" },
  "22-dd-mon-yyyy": { amount: "267.40", currency: "ZAR", date: "2025-02-26", merchant: "CITY HARDWARE" },
  "23-uk-day-first": { amount: "8.10", currency: "GBP", date: "2025-04-03", merchant: "GREENGROCER & CO" },
  "24-us-future-swap": { amount: "36.10", currency: "USD", date: "2025-03-04", merchant: "PRAIRIE GAS & GO", today: "2025-03-20" },
  "25-future-dropped": { amount: "10.49", currency: "GBP", date: undefined, merchant: "NIGHT OWL BOOKS" },
  "26-label-next-line": { amount: "20.36", currency: "USD", date: "2025-07-04", merchant: "LAKESIDE MARINA STORE", today: "2025-07-10" },
  "27-no-currency": { amount: "21.50", date: "2025-06-14", merchant: "MARKET STALL 12", defaultCurrency: "EUR" },
  "28-eu-thousands": { amount: "1238.00", currency: "EUR", date: "2025-05-05", merchant: "ELEKTRO HAUS RUHR" },
  "29-de-dash-cents": { amount: "5.00", currency: "EUR", date: "2025-06-21", merchant: "KIOSK AM BAHNHOF" },
  "30-pl-suma-pln": { amount: "17.68", currency: "PLN", date: "2025-03-28", merchant: 'SKLEP SPOŻYWCZY "POD DĘBEM"' },
  "31-es-tapas": { amount: "24.50", currency: "EUR", date: "2025-06-15", merchant: "TABERNA EL PATIO" },
  "32-hotel-payments": { amount: "727.50", currency: "CHF", date: "2025-04-20", merchant: "ALPINE LODGE ZERMATT" },
  "33-noisy-header": { amount: "20.49", currency: "GBP", date: "2025-05-17", merchant: "HILLTOP GARDEN CENTRE" },
  "34-receipt-heading": { amount: "7.75", currency: "USD", date: "2025-04-26", merchant: "Sunrise Bakery & Cafe" },
  "35-se-kronor": { amount: "146.00", currency: "SEK", date: "2025-02-07", merchant: "KAFFEBAREN SÖDER" },
  "36-cad-code": { amount: "63.83", currency: "CAD", date: "2025-01-19", merchant: "MAPLE LEAF OUTFITTERS" },
};

describe("parseReceiptText on OCR texts of varied receipts", () => {
  it("has an expectation for every fixture", () => {
    const files = readdirSync(new URL("./__fixtures__/ocr/", import.meta.url)).map((f) => f.replace(/\.txt$/, ""));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`reads ${name}`, () => {
      const result = parseReceiptText(fixture(name), { today: expected.today ?? "2025-06-30", defaultCurrency: expected.defaultCurrency ?? "EUR" });
      expect(ScanResultSchema.parse(result)).toEqual(result);
      expect({
        amount: result.amount?.value,
        currency: result.currency?.value,
        date: result.date?.value,
        merchant: result.merchant?.value,
      }).toEqual({ amount: expected.amount, currency: expected.currency, date: expected.date, merchant: expected.merchant });
      for (const field of [result.amount, result.currency, result.date, result.merchant]) {
        if (field) expect(field.confidence).toBeGreaterThan(0);
      }
    });
  }
});

describe("parseReceiptText rules", () => {
  const parse = (text: string, today = "2025-06-30", defaultCurrency = "EUR") => parseReceiptText(text, { today, defaultCurrency });

  it("never proposes a date after today, whatever the receipt prints", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "DD.MM.YY", "DD-Mon-YYYY", "Mon DD, YYYY"),
        fc.constantFrom("USD", "EUR"),
        (printed, scanDay, format, currency) => {
          const [y, m, d] = printed.toISOString().slice(0, 10).split("-");
          const month = new Date(printed).toLocaleString("en", { month: "short", timeZone: "UTC" });
          const text = {
            "DD.MM.YYYY": `${d}.${m}.${y}`,
            "DD/MM/YYYY": `${d}/${m}/${y}`,
            "MM/DD/YYYY": `${m}/${d}/${y}`,
            "YYYY-MM-DD": `${y}-${m}-${d}`,
            "DD.MM.YY": `${d}.${m}.${y?.slice(2)}`,
            "DD-Mon-YYYY": `${d}-${month}-${y}`,
            "Mon DD, YYYY": `${month} ${d}, ${y}`,
          }[format];
          const today = scanDay.toISOString().slice(0, 10);
          const result = parse(`SHOP\nTOTAL ${currency} 12.50\n${text}`, today, currency);
          if (result.date) expect(result.date.value <= today).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("does not take the subtotal, the tax or the cash for the total", () => {
    const result = parse("SHOP\nSUBTOTAL 40.00\nTAX 3.20\nTOTAL 43.20\nCASH 50.00\nCHANGE 6.80");
    expect(result.amount?.value).toBe("43.20");
  });

  it("reads a total line that names its tax as included", () => {
    expect(parse("PUB\nTOTAL INCL VAT £12.40\nVAT £2.07").amount?.value).toBe("12.40");
  });

  it("does not count TOTAL TAX or TOTAL SAVINGS as the total", () => {
    expect(parse("SHOP\nTOTAL TAX 9.00\nTOTAL 30.00\nTOTAL SAVINGS 45.00").amount?.value).toBe("30.00");
  });

  it("corrects a total one OCR digit away from what the receipt adds up to", () => {
    const result = parse("THE BAR\nBeer £4.50\nWine £6.05\nTOTAL £16.55\nCASH £20.00\nCHANGE £9.45", "2025-06-30", "GBP");
    expect(result.amount?.value).toBe("10.55");
    expect(result.amount?.confidence).toBeLessThan(0.9);
  });

  it("reads yen without decimals and euros with them from the same digits", () => {
    expect(parse("店\n合計 ¥1,280").amount?.value).toBe("1280");
    expect(parse("LADEN\nSUMME EUR 1.280,00").amount?.value).toBe("1280.00");
    expect(parse("SHOP\nTOTAL $1,280.00").amount?.value).toBe("1280.00");
  });

  it("formats the amount with the default currency's decimals when no currency is printed", () => {
    const result = parse("STALL\nTOTAL 1280", "2025-06-30", "JPY");
    expect(result).toMatchObject({ amount: { value: "1280" } });
    expect(result.currency).toBeUndefined();
  });

  it("reads a US receipt's date month first and a European one day first", () => {
    expect(parse("SHOP\nTOTAL $5.00\n03/04/2025").date?.value).toBe("2025-03-04");
    expect(parse("SHOP\nTOTAL 5,00 €\n03/04/2025").date?.value).toBe("2025-04-03");
  });

  it("turns a future day/month reading around, and drops a date that is future both ways", () => {
    expect(parse("SHOP\nTOTAL $5.00\n04/03/2025", "2025-03-20").date).toMatchObject({ value: "2025-03-04" });
    expect(parse("SHOP\nTOTAL $5.00\n12/11/2025", "2025-03-20").date).toBeUndefined();
  });

  it("ignores return-by and expiry dates", () => {
    expect(parse("SHOP\nTOTAL £5.00\nReturn by 01/05/2025\n02/04/2025").date?.value).toBe("2025-04-02");
  });

  it("finds nothing in an empty or unreadable text", () => {
    expect(parse("")).toEqual({});
    expect(parse("~~ .. ,, -- ==\n|| ' `")).toEqual({});
  });

  it("accepts the engine's lines with confidences and is less sure of doubtful lines", () => {
    const sure = parseReceiptText([{ text: "SHOP" }, { text: "TOTAL $9.99", confidence: 95 }], { today: "2025-06-30", defaultCurrency: "USD" });
    const doubtful = parseReceiptText([{ text: "SHOP" }, { text: "TOTAL $9.99", confidence: 20 }], { today: "2025-06-30", defaultCurrency: "USD" });
    expect(sure.amount?.value).toBe("9.99");
    expect(doubtful.amount?.value).toBe("9.99");
    expect(doubtful.amount?.confidence ?? 1).toBeLessThan(sure.amount?.confidence ?? 0);
  });

  it("refuses an unknown default currency as the caller's mistake", () => {
    expect(() => parse("SHOP\nTOTAL 1.00", "2025-06-30", "XYZ")).toThrow(/ISO 4217/);
  });
});
