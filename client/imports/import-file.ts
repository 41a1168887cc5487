import { formatMegabytes, type ChosenFile } from "@/client/receipts/receipt-file";
import { IMPORT_CONTENT_TYPES, MAX_IMPORT_BYTES } from "@/lib/imports/import-schemas";

export type ImportContentType = (typeof IMPORT_CONTENT_TYPES)[number];
export type ImportFileCheck = { ok: true; contentType: ImportContentType } | { ok: false; message: string };

/** The `accept` list of the file input: types and extensions, since some systems only know the latter. */
export const IMPORT_ACCEPT = [...IMPORT_CONTENT_TYPES, ".csv", ".tsv", ".txt"].join(",");

export const WRONG_IMPORT_TYPE_MESSAGE = "Choose a CSV file: your bank's export (.csv, .tsv or .txt) or a Ledgerline export.";

const isImportType = (type: string): type is ImportContentType => (IMPORT_CONTENT_TYPES as readonly string[]).includes(type);

/**
 * The type to declare for a file. The browser's type wins when it is one we take; an empty or generic one
 * (Chrome reports "" for some .csv files) is declared as text/csv, and detection reads the content anyway.
 */
export function importContentType(file: Pick<ChosenFile, "name" | "type">): ImportContentType | null {
  const type = file.type.toLowerCase();
  if (isImportType(type)) return type;
  if (type !== "" && type !== "application/octet-stream") return null;
  return /\.tsv$/i.test(file.name) ? "text/tab-separated-values" : "text/csv";
}

/** The checks the API and S3's policy would make, done at once so a wrong file costs no request. */
export function checkImportFile(file: ChosenFile): ImportFileCheck {
  const contentType = importContentType(file);
  if (!contentType) return { ok: false, message: WRONG_IMPORT_TYPE_MESSAGE };
  if (file.size === 0) return { ok: false, message: "This file is empty. Choose the CSV your bank exported." };
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, message: `This file is ${formatMegabytes(file.size)}; imports can be at most ${formatMegabytes(MAX_IMPORT_BYTES)}.` };
  }
  return { ok: true, contentType };
}
