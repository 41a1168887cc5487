/**
 * Debit/credit marker values as banks write them next to an unsigned amount, as pairs (money out, money in):
 * German Soll/Haben (S/H), Dutch Af/Bij, DR/CR, D/C, ISO 20022's DBIT/CRDT, "-"/"+", FR/ES/IT words.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  ["s", "h"],
  ["soll", "haben"],
  ["af", "bij"],
  ["d", "c"],
  ["dr", "cr"],
  ["db", "cr"],
  ["deb", "cred"],
  ["debit", "credit"],
  ["dbit", "crdt"],
  ["-", "+"],
  ["debe", "haber"],
  ["cargo", "abono"],
  ["addebito", "accredito"],
  ["withdrawal", "deposit"],
  ["out", "in"],
];

function normalise(value: string): string {
  const lower = value.trim().toLowerCase();
  const plain = /[^\x20-\x7e]/.test(lower) ? lower.normalize("NFD").replace(/\p{M}/gu, "") : lower;
  return plain.endsWith(".") ? plain.slice(0, -1) : plain;
}

const DIRECTION: ReadonlyMap<string, "debit" | "credit"> = new Map(
  PAIRS.flatMap(([debit, credit]) => [
    [debit, "debit"],
    [credit, "credit"],
  ]),
);

/** What a marker cell means: "debit" (money out), "credit" (money in), or undefined when it is no marker. */
export function markerDirection(value: string): "debit" | "credit" | undefined {
  return DIRECTION.get(normalise(value));
}

/** The debit spelling that pairs with a credit marker ("H" -> "S"), for files whose rows are all money in. */
export function debitPartner(creditValue: string): string | undefined {
  const key = normalise(creditValue);
  const pair = PAIRS.find(([, credit]) => credit === key);
  if (!pair) return undefined;
  return creditValue === creditValue.toUpperCase() ? pair[0].toUpperCase() : pair[0];
}

/** Whether `value` is one of `debitValues`, compared as markers (case and accents ignored). */
export function isDebitMarker(value: string, debitValues: readonly string[]): boolean {
  const key = normalise(value);
  return debitValues.some((debit) => normalise(debit) === key);
}
