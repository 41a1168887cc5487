import { ApiError } from "@/client/api/api-fetch";
import { describeApiError } from "@/client/api/describe-api-error";
import { MAX_RECEIPT_BYTES } from "@/lib/schemas";
import { formatMegabytes, WRONG_TYPE_MESSAGE, type ChosenFile } from "./receipt-file";

/** Why the API gave no upload grant, in words, and whether trying again with the same file can help. */
export function describeGrantError(error: unknown, file: Pick<ChosenFile, "size">): { message: string; canRetry: boolean } {
  if (error instanceof ApiError && error.status === 422) {
    const paths = error.errors.map((issue) => issue.path);
    if (paths.includes("contentType")) return { message: WRONG_TYPE_MESSAGE, canRetry: false };
    if (paths.includes("size")) {
      return { message: `This file is ${formatMegabytes(file.size)}; receipts can be at most ${formatMegabytes(MAX_RECEIPT_BYTES)}.`, canRetry: false };
    }
  }
  if (error instanceof ApiError && error.status === 404) return { message: "This expense no longer exists.", canRetry: false };
  return { message: describeApiError(error, "preparing the upload"), canRetry: true };
}
