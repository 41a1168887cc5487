import { MAX_RECEIPT_BYTES, RECEIPT_CONTENT_TYPES, type ReceiptContentType } from "@/lib/schemas";

/** What the file input, a drop or a paste gives us; a `File` has all three. */
export type ChosenFile = { name: string; type: string; size: number };

export type ReceiptFileCheck = { ok: true; contentType: ReceiptContentType } | { ok: false; message: string };

/** The `accept` list of the file input: types and extensions, because some systems only know the latter for HEIC. */
export const RECEIPT_ACCEPT = [...RECEIPT_CONTENT_TYPES, ".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".pdf"].join(",");

export const WRONG_TYPE_MESSAGE = "Choose a photo (JPEG, PNG, WebP, HEIC) or a PDF.";

const BY_EXTENSION: Record<string, ReceiptContentType> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
};

const isReceiptType = (type: string): type is ReceiptContentType => (RECEIPT_CONTENT_TYPES as readonly string[]).includes(type);

/**
 * The type to declare for a file. The browser's type wins when it is one we take; an empty or generic one
 * (Chrome reports "" for .heic/.heif) falls back to the extension. A type the browser is sure of and we do
 * not take (text/plain) is refused whatever the name says.
 */
export function receiptContentType(file: Pick<ChosenFile, "name" | "type">): ReceiptContentType | null {
  const type = file.type.toLowerCase();
  if (isReceiptType(type)) return type;
  if (type === "image/jpg") return "image/jpeg";
  if (type !== "" && type !== "application/octet-stream") return null;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  return BY_EXTENSION[extension] ?? null;
}

/** "12.3 MB", rounded up so a file just over the limit never reads as "10 MB". */
export function formatMegabytes(bytes: number): string {
  const tenths = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(tenths)} MB`;
}

/** The checks S3's policy and the API would make, done at once so a wrong file costs no upload. */
export function checkReceiptFile(file: ChosenFile): ReceiptFileCheck {
  const contentType = receiptContentType(file);
  if (!contentType) return { ok: false, message: WRONG_TYPE_MESSAGE };
  if (file.size === 0) return { ok: false, message: "This file is empty. Choose another photo or PDF." };
  if (file.size > MAX_RECEIPT_BYTES) {
    return { ok: false, message: `This file is ${formatMegabytes(file.size)}; receipts can be at most ${formatMegabytes(MAX_RECEIPT_BYTES)}.` };
  }
  return { ok: true, contentType };
}
