/**
 * Writes the import fixtures as the bytes banks send: Latin-1 / Windows-1252 via iconv-lite, BOMs, CRLF or
 * LF, quoted newlines. Run once (`npx tsx lib/csv/import/__fixtures__/generate-fixtures.ts`); the files are
 * committed, so tests never depend on this script. Account numbers and names are made up.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import type { ExpenseJson } from "../../../schemas";
import { expensesCsv } from "../../expenses-csv";

const dir = fileURLToPath(new URL(".", import.meta.url));
const write = (name: string, bytes: Uint8Array) => writeFileSync(`${dir}${name}`, bytes);
const lines = (rows: string[], eol: string) => rows.join(eol) + eol;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// (a) German bank: Latin-1, semicolons, decimal comma, DD.MM.YYYY, preamble padded with semicolons, a blank
// line, Soll/Haben marker column, a zero fee and a closing balance line. CRLF, as Windows banking exports.
write(
  "german-bank-latin1.csv",
  iconv.encode(
    lines(
      [
        "Kontonummer:;DE89 3704 0044 0532 0130 00;;;;;",
        "Zeitraum:;01.03.2025 - 31.03.2025;;;;;",
        "Kontostand vom 31.03.2025:;1.234,56 EUR;;;;;",
        "",
        "Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag;Währung;Soll/Haben",
        "03.03.2025;03.03.2025;Bäckerei Schäfer;Kartenzahlung Bäckerei Schäfer Köln;4,80;EUR;S",
        "04.03.2025;04.03.2025;REWE Markt GmbH;REWE SAGT DANKE 4711;23,45;EUR;S",
        "05.03.2025;05.03.2025;Hausverwaltung Groß;Miete März 2025;1.444,00;EUR;S",
        "10.03.2025;10.03.2025;Muster AG;Gehalt März 2025;2.850,00;EUR;H",
        '12.03.2025;12.03.2025;Drogerie Müller;"Einkauf; Zahnpasta ""Sensitiv""";7,99;EUR;S',
        "28.03.2025;28.03.2025;Stadtwerke Düsseldorf;Abschlag Strom/Gas;95,00;EUR;S",
        "31.03.2025;31.03.2025;;Kontoführungsgebühr;0,00;EUR;S",
        "Kontostand am 31.03.2025:;;;;1.234,56;EUR;H",
      ],
      "\r\n",
    ),
    "latin1",
  ),
);

// (b) Dutch bank (ING's classic CSV): UTF-8 BOM, every field quoted, YYYYMMDD, "Af Bij" marker, "Bedrag (EUR)".
write(
  "dutch-bank-bom.csv",
  Buffer.concat([
    BOM,
    Buffer.from(
      lines(
        [
          '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","Mutatiesoort","Mededelingen"',
          '"20250303","Albert Heijn 1403","NL20INGB0001234567","","BA","Af","23,45","Betaalautomaat","Pasvolgnr: 001 03-03-2025 17:42 Transactie: 2A3B4C Term: CT123456"',
          '"20250304","NS Groep IZ namens NS Reizigers","NL20INGB0001234567","NL12INGB0000345678","IC","Af","4,20","Incasso","Naam: NS Groep IZ namens NS Reizigers Omschrijving: OV-chipkaart reis"',
          '"20250310","Werkgever B.V.","NL20INGB0001234567","NL02ABNA0123456789","OV","Bij","2450,00","Overschrijving","Naam: Werkgever B.V. Omschrijving: Salaris maart 2025"',
          '"20250315","Café De Jaren","NL20INGB0001234567","","BA","Af","18,50","Betaalautomaat","Pasvolgnr: 001 15-03-2025 21:03 Transactie: 9F8E7D Term: AB9876"',
          '"20250320","Bol.com BV","NL20INGB0001234567","NL27INGB0000026500","ID","Af","1049,99","iDEAL","Naam: Bol.com BV Omschrijving: Bestelling 1234567890"',
        ],
        "\r\n",
      ),
      "utf8",
    ),
  ]),
);

// (c) US bank: three preamble lines, MM/DD/YYYY, Withdrawal / Deposit columns, "$1,234.11", a running balance.
write(
  "us-bank.csv",
  Buffer.from(
    lines(
      [
        "Account Name:,Everyday Checking",
        "Account Number:,XXXXXX4321",
        "Date Range:,03/01/2025 - 03/31/2025",
        "Date,Description,Withdrawal,Deposit,Balance",
        '03/02/2025,STARBUCKS STORE 10432 SEATTLE WA,$5.75,,"$2,994.25"',
        '03/05/2025,ACH DEPOSIT ACME CORP PAYROLL,,"$1,234.11","$4,228.36"',
        '03/13/2025,"RENT PAYMENT, CHECK 1042","$1,500.00",,"$2,728.36"',
        '03/18/2025,WHOLE FOODS MARKET #10234,$86.40,,"$2,641.96"',
        '03/25/2025,AMAZON.COM*AB12CD34 AMZN.COM/BILL WA,$23.99,,"$2,617.97"',
      ],
      "\n",
    ),
    "utf8",
  ),
);

// (d) UK bank (Nationwide-like): Windows-1252 (£ is one byte), DD/MM/YYYY, "£1,183.23", Paid out / Paid in.
write(
  "uk-bank-windows1252.csv",
  iconv.encode(
    lines(
      [
        '"Account Name:","FlexAccount ****12345"',
        '"Account Balance:","£2,042.75"',
        '"Available Balance: ","£2,042.75"',
        "",
        '"Date","Transaction type","Description","Paid out","Paid in","Balance"',
        '"03/03/2025","Visa purchase","TESCO STORES 2345","£12.40","","£1,170.83"',
        '"14/03/2025","Direct debit","THAMES WATER","£38.00","","£1,132.83"',
        '"25/03/2025","Bank credit","ACME LTD SALARY","","£2,100.00","£3,232.83"',
        '"28/03/2025","Visa purchase","PRET A MANGER","£6.85","","£3,225.98"',
        '"31/03/2025","Standing order","RENT","£1,183.23","","£2,042.75"',
      ],
      "\r\n",
    ),
    "windows-1252",
  ),
);

// (e) Card statement: DD-Mon-YYYY, "Pending" rows first, money in marked with a trailing CR.
write(
  "card-pending-cr.csv",
  Buffer.from(
    lines(
      [
        "Date,Description,Amount",
        "Pending,AMAZON MKTPLACE PMTS,19.99",
        "Pending,UBER *TRIP HELP.UBER.COM,12.30",
        "05-Mar-2025,WOOLWORTHS 1234 SYDNEY,45.60",
        "07-Mar-2025,PAYMENT RECEIVED - THANK YOU,500.00 CR",
        "12-Mar-2025,SHELL COLES EXPRESS 1234,68.15",
        "15-Mar-2025,NETFLIX.COM,16.99",
        "20-Mar-2025,REFUND JB HI-FI,49.00 CR",
      ],
      "\n",
    ),
    "utf8",
  ),
);

// (f) Quoted fields with commas, doubled quotes and newlines (LF inside cells, CRLF between rows, as Excel).
write(
  "quoted-multiline.csv",
  Buffer.from(
    lines(
      [
        "Date,Payee,Memo,Amount",
        '2025-03-01,"Smith, Jones & Co","Invoice 42,\npaid by card",-120.00',
        '2025-03-02,"Corner ""Deli""",Lunch,-8.50',
        '2025-03-04,Bookshop,"Gift for Anna,\nbirthday\n""Happy 30th""",-24.99',
        "2025-03-05,Refund Ltd,Return,15.00",
        '2025-03-06,"Bäckerei ""Zum Korn""","Brot, Brötchen",-6.40',
      ],
      "\r\n",
    ),
    "utf8",
  ),
);

// (g) Two identical real transactions on one day, and a second file overlapping the first.
write(
  "identical-rows.csv",
  Buffer.from(lines(["Date;Description;Amount", "2025-03-07;Coffee Bar;-3,20", "2025-03-07;Coffee Bar;-3,20", "2025-03-08;Coffee Bar;-3,20", "2025-03-08;Bakery;-2,10"], "\n")),
);
write(
  "identical-rows-overlap.csv",
  Buffer.from(lines(["Date;Description;Amount", "2025-03-08;Coffee Bar;-3,20", "2025-03-08;Bakery;-2,10", "2025-03-09;Coffee Bar;-3,20"], "\n")),
);

// (i) Three bad rows: a date that does not exist, an amount that is no number, yen with decimals.
write(
  "bad-rows.csv",
  Buffer.from(
    lines(
      [
        "Datum;Empfänger;Verwendungszweck;Betrag;Währung",
        "03.03.2025;Bäckerei Kamps;Brötchen;-3,50;EUR",
        "31.02.2025;Kiosk am Eck;Zeitung;-2,80;EUR",
        "04.03.2025;Aral Tankstelle;Benzin;abc;EUR",
        "05.03.2025;Sushi Bar Tokyo;Abendessen;-1.250,50;JPY",
        "06.03.2025;Thalia Buchhandlung;Roman;-14,99;EUR",
      ],
      "\n",
    ),
  ),
);

// (j) Tab-separated credit card export (Chase-like): two date columns, a category column, purchases negative.
write(
  "card-tabs.tsv",
  Buffer.from(
    lines(
      [
        "Transaction Date\tPost Date\tDescription\tCategory\tType\tAmount\tMemo",
        "03/04/2025\t03/05/2025\tTRADER JOE'S #552\tGroceries\tSale\t-45.67\t",
        "03/14/2025\t03/16/2025\tSHELL OIL 57444\tGas\tSale\t-38.20\t",
        "03/15/2025\t03/15/2025\tPayment Thank You-Mobile\t\tPayment\t250.00\t",
        "03/21/2025\t03/22/2025\tSTARBUCKS STORE 0789\tFood & Drink\tSale\t-6.45\t",
        "03/28/2025\t03/29/2025\tAMAZON MKTPL*2K4LM\tShopping\tReturn\t19.99\t",
      ],
      "\n",
    ),
  ),
);

// (k) Every date fits DD/MM and MM/DD.
write("ambiguous-dates.csv", Buffer.from(lines(["Date,Description,Amount", "03/04/2025,Coffee,-3.50", "05/06/2025,Bus ticket,-2.80", "11/12/2025,Books,-19.99"], "\n")));

// (h) Our own export, written by our exporter: BOM, CRLF, formula cells neutralised, tags, several currencies.
const base = { category: "Food", createdAt: "2025-03-14T12:00:00.000Z", updatedAt: "2025-03-14T12:00:00.000Z", version: 1 };
const own: ExpenseJson[] = [
  { ...base, id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2W", date: "2025-03-14", amount: "12.50", currency: "EUR", description: "Lunch, with \"Anna\"", merchant: "Café Zürich", tags: ["work", "lunch"], receipt: { status: "ready" } },
  { ...base, id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2X", date: "2025-03-15", amount: "1200", currency: "JPY", category: "Travel", description: "=HYPERLINK(\"http://evil.example\")", merchant: "@ramen", tags: ["-trip", "+fun"] },
  { ...base, id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2Y", date: "2025-03-16", amount: "1.250", currency: "KWD", category: "My own category", description: "Two lines\r\nof text", tags: [] },
  { ...base, id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2Z", date: "2025-03-17", amount: "0.99", currency: "USD", category: "Other", description: "-5 off coupon", merchant: "+49 Pizza" },
];
async function* pages() {
  yield own;
}
const chunks: Buffer[] = [];
for await (const chunk of expensesCsv(pages())) chunks.push(Buffer.from(chunk));
write("ledgerline-export.csv", Buffer.concat(chunks));
