import { z } from "zod";
import { isCurrencyCode } from "../../money";
import { currencyCandidates } from "./currency-of-token";

export const ColumnRoleSchema = z.enum([
  "date",
  "amount",
  "debit",
  "credit",
  "marker",
  "currency",
  "balance",
  "description",
  "merchant",
  "category",
]);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

/**
 * Header names banks use (EN/DE/NL/FR/ES, a little IT), normalised: lower case, no accents, no
 * "(EUR)"-style currency, punctuation as spaces. Within a role, earlier lines rank higher (a transaction
 * date beats a booking date beats a value date). Names only suggest: detect-formats checks content.
 */
const NAMES: Record<ColumnRole, readonly string[]> = {
  date: [
    "transaction date|trans date|date of transaction|transactiedatum|umsatzdatum|belegdatum|kaufdatum|date operation|date de l operation|date d operation|fecha operacion|fecha de operacion|started date",
    "date|datum|fecha|data|day|tag",
    "buchungstag|buchungsdatum|buchung|booking date|posting date|post date|posted date|boekdatum|date comptable|fecha contable|completed date",
    "valuta|valutadatum|wertstellung|wertstellungsdatum|value date|date de valeur|fecha valor|rentedatum",
  ],
  amount: [
    "amount|betrag|umsatz|bedrag|montant|importe|importo|monto|cantidad|transaction amount|amount signed|signed amount|kwota|belopp|belob|value|betrag in|umsatz in|net amount",
  ],
  debit: [
    "debit|debits|debit amount|amount debit|withdrawal|withdrawals|withdrawal amount|paid out|money out|out|soll|ausgang|ausgaben|belastung|af|debet|uitgaven|uitgaand|debe|cargo|cargos|charge|charges|spent|debito|addebiti|uscite|sortie|sorties|montant debit",
  ],
  credit: [
    "credit|credits|credit amount|amount credit|deposit|deposits|deposit amount|paid in|money in|in|haben|eingang|einnahmen|gutschrift|bij|inkomsten|inkomend|haber|abono|abonos|ingresos|credito|accrediti|entrate|entree|entrees|recettes|montant credit|received",
  ],
  marker: [
    "af bij|bij af|soll haben|s h|sh|debit credit|credit debit|dr cr|cr dr|d c|c d|debit or credit|credit or debit|debit credit indicator|credit debit indicator|cdi|soll haben kennzeichen|kennzeichen|s h kennzeichen",
  ],
  currency: ["currency|currency code|ccy|curr|wahrung|waehrung|valuta|munt|devise|monnaie|moneda|divisa"],
  balance: [
    "balance|running balance|available balance|ledger balance|account balance|new balance|saldo|kontostand|saldo nach buchung|saldo na mutatie|saldo na boeking|solde|saldo disponible|saldo contable",
  ],
  merchant: [
    "payee|payee name|merchant|merchant name|counterparty|counter party|counterparty name|beneficiary|recipient|name|naam|naam omschrijving|naam tegenpartij|tegenpartij|vendor|shop|store|to from",
    "beguenstigter zahlungspflichtiger|begunstigter zahlungspflichtiger|auftraggeber begunstigter|auftraggeber beguenstigter|empfanger zahlungspflichtiger|auftraggeber empfanger|auftraggeber empfaenger|empfanger|empfaenger|zahlungsempfanger|begunstigter|name zahlungsbeteiligter|name des zahlungsbeteiligten|auftraggeber|auftraggeber zahlungsempfanger|beneficiaire|tiers|contrepartie|beneficiario|ordenante|destinatario",
  ],
  description: [
    "verwendungszweck|purpose|memo|description|details|transaction details|transaction description|omschrijving|mededelingen|libelle|libelle operation|concepto|descripcion|narrative|particulars|communication|notes|note|text|vorgang verwendungszweck|beschreibung|zweck|betreff|remittance information|causale|descrizione|detalle|detalles|wording|reference|referenz|additional information",
    "buchungstext|booking text|transaction type|type|mutatiesoort|vorgang|umsatzart|code",
  ],
  category: ["category|categories|kategorie|categorie|categoria|spending category|rubrik"],
};

const RANKED: readonly { role: ColumnRole; rank: number; names: ReadonlySet<string> }[] = ColumnRoleSchema.options.flatMap((role) =>
  NAMES[role].map((names, rank) => ({ role, rank, names: new Set(names.split("|")) })),
);

/** Lower case, no accents or "(EUR)", punctuation as single spaces: "Auftraggeber/Empfänger" -> "auftraggeber empfanger". */
export function normaliseHeader(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/\([^)]*\)/g, " ")
    .replace(/\b[A-Z]{3}\b/g, (word) => (isCurrencyCode(word) ? " " : word))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The roles a header name suggests, best first, each with its rank inside the role (0 = best). */
export function headerRole(name: string): { role: ColumnRole; rank: number }[] {
  const normalised = normaliseHeader(name);
  if (normalised === "") return [];
  return RANKED.filter(({ names }) => names.has(normalised)).map(({ role, rank }) => ({ role, rank }));
}

/** A currency named in a header: "Betrag (EUR)", "Amount GBP", "Bedrag (€)". */
export function headerCurrency(name: string): string | undefined {
  for (const token of name.match(/[A-Z]{3}|[€£¥₹₩₽₺₪₫₱₴₦฿$]/gu) ?? []) {
    const [code] = currencyCandidates(token);
    if (code !== undefined) return code;
  }
  return undefined;
}
