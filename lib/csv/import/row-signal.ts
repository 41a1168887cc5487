/** Lines of a bank export that are not transactions, recognised by their words (EN/DE/NL/FR/ES). */

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Not booked yet: the date column says so instead of giving a date. */
const PENDING = new Set([
  "pending",
  "pending transaction",
  "authorised",
  "authorized",
  "processing",
  "vorgemerkt",
  "vormerkung",
  "in bearbeitung",
  "in behandeling",
  "gereserveerd",
  "en attente",
  "en cours",
  "pendiente",
  "en proceso",
]);

/** Balance words; a line with a date must have one as a whole cell ("01.03.2025;…;Anfangssaldo;…;1.234,56"). */
const BALANCE =
  "opening balance|closing balance|balance brought forward|balance carried forward|brought forward|carried forward|anfangssaldo|endsaldo|schlusssaldo|alter saldo|neuer saldo|alter kontostand|neuer kontostand|kontostand|saldo|beginsaldo|eindsaldo|solde initial|solde final|solde|saldo inicial|saldo final|saldo anterior|saldo actual|statement balance|available balance|balance";
/** Total words: only on a line without a date, so a merchant named "TOTAL" (petrol stations) stays. */
const TOTAL = "total|totals|grand total|sum|summe|gesamt|gesamtsumme|totaal|somme|suma";

const WHOLE_BALANCE = new RegExp(`^(?:${BALANCE})$`);
/** Every word above starts with one of these three letters: most cells are ruled out without folding them. */
const PREFIXES = new Set(`${BALANCE}|${TOTAL}`.split("|").map((words) => words.slice(0, 3)));
const STARTS_UNDATED = new RegExp(`^(?:${BALANCE}|${TOTAL})(?: .*)?$`);

export function isPendingCell(cell: string): boolean {
  return PENDING.has(fold(cell));
}

/**
 * Whether a row is a balance or total line rather than a transaction. With a date, a cell must be exactly a
 * balance word ("Endsaldo"); without one, a cell starting with a balance or total word is enough
 * ("Kontostand am 31.03.2025:", "Summe Umsätze"). "Saldo Kreditkarte" on a dated row is a transaction.
 */
export function isBalanceOrTotal(cells: readonly string[], hasDate: boolean): boolean {
  return cells.some((cell) => {
    if (cell.length > 40 || !PREFIXES.has(cell.trimStart().slice(0, 3).toLowerCase())) return false;
    const words = fold(cell);
    return words !== "" && (hasDate ? WHOLE_BALANCE : STARTS_UNDATED).test(words);
  });
}
