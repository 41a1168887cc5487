/**
 * Receipts to render (render-receipt.ts) for the tesseract reader's integration test and bench/scan.ts:
 * varied layouts, languages, currencies, date formats, fonts, rotations and noise, each with what a reader
 * should find. Tests and benchmarks only. All merchants are invented.
 */
import type { ReceiptLine, RenderOptions } from "./render-receipt";

export type SampleReceipt = {
  name: string;
  lines: ReceiptLine[];
  options: RenderOptions;
  defaultCurrency: string;
  expected: { amount: string; currency: string; date: string; merchant: string };
};

/** The scan day of every sample: no sample's date is after it. */
export const SAMPLE_TODAY = "2025-06-30";

const row = (left: string, right: string, extra: Partial<Extract<ReceiptLine, { left: string }>> = {}): ReceiptLine => ({ left, right, ...extra });
const centre = (text: string, extra: Partial<Extract<ReceiptLine, { text: string }>> = {}): ReceiptLine => ({ text, ...extra });
const left = (text: string): ReceiptLine => ({ text, align: "left" });
const blank: ReceiptLine = { text: "" };

export const SAMPLE_RECEIPTS: readonly SampleReceipt[] = [
  {
    name: "US grocery with sales tax",
    lines: [centre("GREEN VALLEY MARKET", { size: 30, isBold: true }), centre("1420 Elm Street"), centre("Springfield, IL 62704"), centre("(217) 555-0143"), blank,
      row("ORGANIC BANANAS", "$2.49"), row("WHOLE MILK 1 GAL", "$4.29"), row("SOURDOUGH BREAD", "$5.99"), row("EGGS LARGE 12CT", "$3.79"), blank,
      row("SUBTOTAL", "$16.56"), row("SALES TAX 6.25%", "$1.04"), row("TOTAL", "$17.60", { isBold: true }), row("VISA ****4417", "$17.60"), blank,
      centre("03/14/2025  10:42 AM"), centre("THANK YOU FOR SHOPPING")],
    options: { rotate: 1.5, noise: 18, seed: 11 },
    defaultCurrency: "USD",
    expected: { amount: "17.60", currency: "USD", date: "2025-03-14", merchant: "GREEN VALLEY MARKET" },
  },
  {
    name: "UK pub with VAT, cash and change",
    lines: [centre("THE RED LION", { size: 30, isBold: true }), centre("12 High Street"), centre("Oxford OX1 4AB"), centre("VAT No. GB 123 4567 89"), blank,
      row("2 x Pint Bitter", "£9.80"), row("Fish & Chips", "£14.50"), row("Sticky Toffee Pud", "£6.25"), blank,
      row("TOTAL", "£30.55", { isBold: true }), row("VAT 20% incl.", "£5.09"), row("CASH", "£40.00"), row("CHANGE", "£9.45"), blank,
      centre("21/05/2025 19:31"), centre("Cheers!")],
    options: { rotate: -2, noise: 20, seed: 12, table: "#6b5d4f" },
    defaultCurrency: "GBP",
    expected: { amount: "30.55", currency: "GBP", date: "2025-05-21", merchant: "THE RED LION" },
  },
  {
    name: "German Kassenbon with MwSt and SUMME EUR",
    lines: [centre("BAECKEREI MUELLER", { size: 30, isBold: true }), centre("Hauptstr. 5"), centre("80331 Muenchen"), centre("Tel. 089 123456"), blank,
      row("Roggenbrot", "3,80 A"), row("2x Brezel", "1,90 A"), row("Kaffee gross", "3,20 B"), blank,
      row("SUMME EUR", "8,90", { isBold: true }), row("Geg. BAR", "10,00"), row("Rueckgeld", "1,10"), blank,
      row("MwSt A 7%", "0,37"), row("MwSt B 19%", "0,51"), blank, centre("Datum: 02.04.2025 08:12"), centre("Vielen Dank")],
    options: { rotate: 2.5, noise: 16, seed: 13 },
    defaultCurrency: "EUR",
    expected: { amount: "8.90", currency: "EUR", date: "2025-04-02", merchant: "BAECKEREI MUELLER" },
  },
  {
    name: "French café with TVA and TOTAL TTC",
    lines: [centre("CAFE DE LA GARE", { size: 30, isBold: true }), centre("3 Rue de la Paix"), centre("75002 Paris"), centre("SIRET 123 456 789 00012"), blank,
      row("Croque monsieur", "9,50"), row("Cafe creme", "3,80"), row("Eau minerale", "2,50"), blank,
      row("TOTAL HT", "13,17"), row("TVA 20%", "2,63"), row("TOTAL TTC", "15,80 EUR", { isBold: true }), row("CB", "15,80"), blank,
      centre("Le 18/06/2025 a 12:47"), centre("Merci de votre visite")],
    options: { rotate: -1, noise: 18, seed: 14 },
    defaultCurrency: "EUR",
    expected: { amount: "15.80", currency: "EUR", date: "2025-06-18", merchant: "CAFE DE LA GARE" },
  },
  {
    name: "Dutch bakery with TOTAAL and PIN",
    lines: [centre("BAKKERIJ DE VRIES", { size: 30, isBold: true }), centre("Kerkstraat 21"), centre("1017 GB Amsterdam"), blank,
      row("Volkoren brood", "3,45"), row("Appeltaart", "4,95"), row("Koffie", "2,80"), blank,
      row("TOTAAL", "€ 11,20", { isBold: true }), row("PIN", "€ 11,20"), row("BTW 9%", "0,92"), blank, centre("09-05-2025 15:03"), centre("Bedankt!")],
    options: { rotate: 1, noise: 22, seed: 15 },
    defaultCurrency: "EUR",
    expected: { amount: "11.20", currency: "EUR", date: "2025-05-09", merchant: "BAKKERIJ DE VRIES" },
  },
  {
    name: "Italian trattoria with TOTALE COMPLESSIVO",
    lines: [centre("TRATTORIA DA MARIO", { size: 30, isBold: true }), centre("Via Roma 14"), centre("00184 Roma"), centre("P.IVA 01234567890"), blank,
      row("Spaghetti carbonara", "12,00"), row("Saltimbocca", "16,50"), row("Vino rosso 1/4", "6,00"), row("Coperto x2", "4,00"), blank,
      row("TOTALE COMPLESSIVO", "38,50", { isBold: true }), row("di cui IVA 10%", "3,50"), row("PAGAMENTO CONTANTE", "40,00"), row("RESTO", "1,50"), blank,
      centre("12/04/2025 21:15"), centre("Grazie e arrivederci")],
    options: { rotate: -2.5, noise: 15, seed: 16 },
    defaultCurrency: "EUR",
    expected: { amount: "38.50", currency: "EUR", date: "2025-04-12", merchant: "TRATTORIA DA MARIO" },
  },
  {
    name: "Tokyo convenience store in yen",
    lines: [centre("SAKURA MART", { size: 30, isBold: true }), centre("Shibuya 2-21-1, Tokyo"), centre("TEL 03-5555-0123"), blank,
      row("ONIGIRI SALMON", "¥160"), row("GREEN TEA 500ML", "¥140"), row("BENTO KARAAGE", "¥598"), row("PUDDING", "¥198"), blank,
      row("TOTAL", "¥1,096", { isBold: true }), row("CASH", "¥2,000"), row("CHANGE", "¥904"), blank, centre("2025/06/02 18:20")],
    options: { rotate: 1.2, noise: 16, seed: 17 },
    defaultCurrency: "JPY",
    expected: { amount: "1096", currency: "JPY", date: "2025-06-02", merchant: "SAKURA MART" },
  },
  {
    name: "US restaurant card slip with a handwritten tip",
    lines: [centre("BLUE HERON GRILL", { size: 30, isBold: true }), centre("88 Harbor Blvd"), centre("Portland, OR 97201"), blank, left("SERVER: DANA     TABLE 12"), left("VISA SALE"), blank,
      row("AMOUNT", "$45.00"), row("TIP", "$9.00", { isItalic: true, size: 26 }), row("TOTAL", "$54.00", { isItalic: true, size: 26 }), blank,
      centre("06/07/2025 20:41"), centre("CUSTOMER COPY")],
    options: { rotate: 2, noise: 18, seed: 18 },
    defaultCurrency: "USD",
    expected: { amount: "54.00", currency: "USD", date: "2025-06-07", merchant: "BLUE HERON GRILL" },
  },
  {
    name: "Fuel station with litres and an ISO date",
    lines: [centre("AUTOBAHN FUEL 24", { size: 30, isBold: true }), centre("A9 Raststaette West"), centre("85049 Ingolstadt"), blank,
      left("Saeule 4  Super E10"), row("42,31 l x 1,689", "71,46"), row("Kaffee to go", "2,90"), blank,
      row("GESAMT EUR", "74,36", { isBold: true }), row("girocard", "74,36"), row("Netto", "62,49"), row("MwSt 19%", "11,87"), blank, centre("2025-05-30 07:55")],
    options: { rotate: -1.5, noise: 18, seed: 19 },
    defaultCurrency: "EUR",
    expected: { amount: "74.36", currency: "EUR", date: "2025-05-30", merchant: "AUTOBAHN FUEL 24" },
  },
  {
    name: "Pharmacy with a discount line",
    lines: [centre("CITY PHARMACY", { size: 30, isBold: true }), centre("250 Market Street"), centre("San Francisco, CA 94105"), blank,
      row("IBUPROFEN 200MG", "$8.99"), row("VITAMIN D3", "$12.49"), row("BANDAGES", "$4.29"), row("MEMBER DISCOUNT", "-$2.50"), blank,
      row("SUBTOTAL", "$23.27"), row("TAX", "$1.98"), row("TOTAL", "$25.25", { isBold: true }), row("YOU SAVED", "$2.50"), blank, centre("04/22/2025 16:08")],
    options: { rotate: 1, noise: 20, seed: 20 },
    defaultCurrency: "USD",
    expected: { amount: "25.25", currency: "USD", date: "2025-04-22", merchant: "CITY PHARMACY" },
  },
  {
    name: "Hotel folio with BALANCE DUE and a month-name date",
    lines: [centre("GRAND HOTEL CENTRAL", { size: 30, isBold: true }), centre("Guest Folio"), centre("Room 412"), blank, left("Departure: 14-Mar-2025"), blank,
      row("Room 3 nights", "EUR 540.00"), row("City tax", "EUR 12.60"), row("Minibar", "EUR 18.50"), blank,
      row("BALANCE DUE", "EUR 571.10", { isBold: true }), row("Mastercard", "EUR 571.10")],
    options: { rotate: -1, noise: 14, seed: 21 },
    defaultCurrency: "EUR",
    expected: { amount: "571.10", currency: "EUR", date: "2025-03-14", merchant: "GRAND HOTEL CENTRAL" },
  },
  {
    name: "Corner deli, cash tendered and change",
    lines: [centre("CORNER DELI", { size: 30, isBold: true }), centre("77 5th Avenue"), centre("New York, NY 10003"), blank,
      row("TURKEY SANDWICH", "$9.50"), row("ICED COFFEE", "$3.75"), blank, row("SUBTOTAL", "$13.25"), row("TAX", "$1.18"),
      row("TOTAL", "$14.43", { isBold: true }), row("CASH TENDERED", "$20.00"), row("CHANGE", "$5.57"), blank, centre("Jun 12, 2025 1:14 PM")],
    options: { rotate: 2.8, noise: 22, seed: 22 },
    defaultCurrency: "USD",
    expected: { amount: "14.43", currency: "USD", date: "2025-06-12", merchant: "CORNER DELI" },
  },
  {
    name: "Swiss kiosk in CHF",
    lines: [centre("KIOSK BAHNHOF", { size: 30, isBold: true }), centre("Bahnhofplatz 1"), centre("8001 Zuerich"), blank,
      row("Zeitung", "3.50"), row("Sandwich", "7.90"), row("Mineralwasser", "2.80"), blank,
      row("TOTAL CHF", "14.20", { isBold: true }), row("MWST 8.1% inkl.", "1.06"), blank, centre("15.05.2025 07:02")],
    options: { rotate: -2, noise: 18, seed: 23 },
    defaultCurrency: "CHF",
    expected: { amount: "14.20", currency: "CHF", date: "2025-05-15", merchant: "KIOSK BAHNHOF" },
  },
  {
    name: "German supermarket with a two-digit year",
    lines: [centre("FRISCHMARKT", { size: 30, isBold: true }), centre("Lindenallee 40"), centre("50667 Koeln"), blank,
      row("Milch 1,5%", "1,19"), row("Tomaten", "2,49"), row("Kaese Gouda", "3,29"), row("Pfand", "0,25"), blank,
      row("SUMME", "7,22", { isBold: true }), row("EC-Karte", "7,22"), blank, centre("11.06.25 17:45")],
    options: { rotate: 1.8, noise: 20, seed: 24 },
    defaultCurrency: "EUR",
    expected: { amount: "7.22", currency: "EUR", date: "2025-06-11", merchant: "FRISCHMARKT" },
  },
  {
    name: "Electronics with thousands separators",
    lines: [centre("VOLT ELECTRONICS", { size: 30, isBold: true }), centre("900 Commerce Way"), centre("Austin, TX 78701"), blank,
      row('LAPTOP 14" PRO', "$1,149.00"), row("USB-C HUB", "$49.99"), row("2YR PROTECTION", "$129.00"), blank,
      row("SUBTOTAL", "$1,327.99"), row("TAX 8.25%", "$109.56"), row("TOTAL", "$1,437.55", { isBold: true }), blank, centre("05/03/2025 11:20")],
    options: { rotate: -1.2, noise: 16, seed: 25 },
    defaultCurrency: "USD",
    expected: { amount: "1437.55", currency: "USD", date: "2025-05-03", merchant: "VOLT ELECTRONICS" },
  },
  {
    name: "Furniture store with European thousands",
    lines: [centre("MOEBEL HAUS NORD", { size: 30, isBold: true }), centre("Industriestr. 8"), centre("20095 Hamburg"), blank,
      row("Sofa Oslo 3-Sitzer", "1.099,00"), row("Couchtisch Eiche", "249,00"), row("Lieferung", "49,00"), blank,
      row("Gesamtbetrag", "1.397,00 €", { isBold: true }), row("MwSt 19% enthalten", "223,05"), blank, centre("Datum 28.02.2025")],
    options: { rotate: 2, noise: 16, seed: 26 },
    defaultCurrency: "EUR",
    expected: { amount: "1397.00", currency: "EUR", date: "2025-02-28", merchant: "MOEBEL HAUS NORD" },
  },
  {
    name: "Polish shop in złoty",
    lines: [centre("SKLEP POD LIPA", { size: 30, isBold: true }), centre("ul. Dluga 12"), centre("00-238 Warszawa"), blank,
      row("Chleb", "4,50"), row("Maslo", "7,99"), row("Jablka 1kg", "5,20"), blank,
      row("SUMA PLN", "17,69", { isBold: true }), row("Gotowka", "20,00"), row("Reszta", "2,31"), blank, centre("2025-06-20 09:14")],
    options: { rotate: -1.8, noise: 18, seed: 27 },
    defaultCurrency: "PLN",
    expected: { amount: "17.69", currency: "PLN", date: "2025-06-20", merchant: "SKLEP POD LIPA" },
  },
  {
    name: "Coffee shop with a proportional font",
    lines: [centre("MORNING BREW", { size: 32, isBold: true }), centre("45 King Street West"), centre("Toronto ON M5H 1J8"), blank,
      row("Flat white", "$5.25"), row("Almond croissant", "$4.75"), blank, row("Subtotal", "$10.00"), row("HST 13%", "$1.30"),
      row("Total", "$11.30", { isBold: true }), row("Debit", "$11.30"), blank, centre("2025-06-25 08:03")],
    options: { rotate: 1, noise: 15, seed: 28, fontFamily: "DejaVu Sans, Liberation Sans, sans-serif" },
    defaultCurrency: "CAD",
    expected: { amount: "11.30", currency: "CAD", date: "2025-06-25", merchant: "MORNING BREW" },
  },
  {
    name: "Small print on a narrow roll",
    lines: [centre("QUICK STOP", { size: 20, isBold: true }), centre("Route 9, Exit 12", { size: 14 }), blank,
      row("GUM", "$1.99", { size: 14 }), row("WATER 1L", "$2.49", { size: 14 }), row("CHIPS", "$3.29", { size: 14 }), blank,
      row("TOTAL", "$7.77", { size: 16, isBold: true }), row("CASH", "$10.00", { size: 14 }), row("CHANGE", "$2.23", { size: 14 }), blank, centre("01/31/2025", { size: 14 })],
    options: { rotate: -1, noise: 12, seed: 29, columns: 30, fontSize: 14 },
    defaultCurrency: "USD",
    expected: { amount: "7.77", currency: "USD", date: "2025-01-31", merchant: "QUICK STOP" },
  },
  {
    name: "Heavily tilted, noisy taqueria receipt",
    lines: [centre("TAQUERIA EL SOL", { size: 30, isBold: true }), centre("310 Mission St"), blank,
      row("3 TACOS AL PASTOR", "$10.50"), row("HORCHATA", "$3.50"), row("CHIPS & SALSA", "$4.00"), blank,
      row("SUBTOTAL", "$18.00"), row("TAX", "$1.55"), row("TOTAL", "$19.55", { isBold: true }), blank, centre("02/14/2025 19:22")],
    options: { rotate: 3, noise: 28, seed: 30, blur: 0.6, table: "#3d3a36" },
    defaultCurrency: "USD",
    expected: { amount: "19.55", currency: "USD", date: "2025-02-14", merchant: "TAQUERIA EL SOL" },
  },
  {
    name: "Bookshop with a grand total after gift wrap",
    lines: [centre("PAGE TURNER BOOKS", { size: 30, isBold: true }), centre("4 Castle Lane"), centre("Edinburgh EH1 2NG"), blank,
      row("Novel (paperback)", "£9.99"), row("Atlas of Islands", "£25.00"), row("Gift wrap", "£2.50"), blank,
      row("GRAND TOTAL", "£37.49", { isBold: true }), row("Card", "£37.49"), row("VAT 0% books", "£0.00"), blank, centre("29 Apr 2025 14:51")],
    options: { rotate: -2.2, noise: 17, seed: 31 },
    defaultCurrency: "GBP",
    expected: { amount: "37.49", currency: "GBP", date: "2025-04-29", merchant: "PAGE TURNER BOOKS" },
  },
  {
    name: "Spanish tapas bar with IVA",
    lines: [centre("BAR LA TAPERIA", { size: 30, isBold: true }), centre("Calle Mayor 7"), centre("28013 Madrid"), centre("CIF B12345678"), blank,
      row("Patatas bravas", "5,50"), row("Croquetas", "7,00"), row("2 Cana", "5,00"), blank,
      row("TOTAL", "17,50 €", { isBold: true }), row("IVA 10% incluido", "1,59"), row("Tarjeta", "17,50"), blank, centre("Fecha: 07/06/2025 22:10")],
    options: { rotate: 1.6, noise: 19, seed: 32 },
    defaultCurrency: "EUR",
    expected: { amount: "17.50", currency: "EUR", date: "2025-06-07", merchant: "BAR LA TAPERIA" },
  },
];
