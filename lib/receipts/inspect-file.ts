/**
 * What a receipt file really is, from its first bytes (magic numbers), whatever the browser declared: an
 * HTML or SVG page sent as image/png must never be served back from our bucket as an image.
 */
import { fileTypeFromBuffer } from "file-type";

export type AcceptedKind =
  | { kind: "image"; contentType: "image/jpeg" | "image/png" | "image/webp" }
  | { kind: "heic"; contentType: "image/heic" | "image/heif" }
  | { kind: "pdf"; contentType: "application/pdf" };

export type Inspection = { isAccepted: true; file: AcceptedKind } | { isAccepted: false; reason: string };

/** file-type reads at most this many bytes. */
export const SNIFF_BYTES = 4100;

const ACCEPTED: Record<string, AcceptedKind> = {
  "image/jpeg": { kind: "image", contentType: "image/jpeg" },
  "image/png": { kind: "image", contentType: "image/png" },
  "image/webp": { kind: "image", contentType: "image/webp" },
  "image/heic": { kind: "heic", contentType: "image/heic" },
  "image/heif": { kind: "heic", contentType: "image/heif" },
  "application/pdf": { kind: "pdf", contentType: "application/pdf" },
};

const WANTED = "Attach a photo (JPEG, PNG, WebP or HEIC) or a PDF.";

/** Printable text (any UTF-8) with no NUL bytes: how a .txt, .csv or HTML file renamed to .png looks. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  const controls = [...text].filter((c) => /[\p{Cc}]/u.test(c) && !"\n\r\t\f".includes(c)).length;
  return controls === 0 && !text.includes("\uFFFD");
}

export async function inspectFile(head: Uint8Array): Promise<Inspection> {
  if (head.length === 0) return { isAccepted: false, reason: `The file is empty. ${WANTED}` };
  const detected = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  const accepted = detected && ACCEPTED[detected.mime];
  if (accepted) return { isAccepted: true, file: accepted };
  if (detected) return { isAccepted: false, reason: `This file is a ${detected.ext.toUpperCase()} file, not a receipt photo or PDF. ${WANTED}` };
  if (looksLikeText(head.subarray(0, SNIFF_BYTES))) return { isAccepted: false, reason: `This file contains text, not an image. ${WANTED}` };
  return { isAccepted: false, reason: `This file is not an image or PDF we can read. ${WANTED}` };
}
