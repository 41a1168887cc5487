/**
 * Spreadsheet apps run a cell that starts with `=`, `+`, `-` or `@` as a formula (and tab / CR can hide one),
 * so a merchant named `=HYPERLINK(...)` in an exported file could exfiltrate data when opened (OWASP "CSV
 * injection"). Such cells get a leading `'`, which Excel, LibreOffice and Sheets show as text. A plain
 * negative number in a numeric column stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutraliseCell(value: string, isNumeric = false): string {
  if (!FORMULA_START.test(value)) return value;
  if (isNumeric && PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
