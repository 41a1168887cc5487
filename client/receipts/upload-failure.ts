import { formatMegabytes } from "./receipt-file";

/** Why a browser upload to S3 did not store the file. */
export type UploadFailure =
  | { kind: "aborted" }
  | { kind: "network" }
  | { kind: "refused"; status: number; code: string | null };

/** Thrown by `uploadToS3`; `failure` says what happened, `message` is for logs, not for people. */
export class UploadError extends Error {
  constructor(readonly failure: UploadFailure) {
    super(failure.kind === "refused" ? `S3 refused the upload: ${failure.status} ${failure.code ?? "(no code)"}` : `upload ${failure.kind}`);
    this.name = "UploadError";
  }
}

/** The `<Code>` of S3's XML error body (`<Error><Code>EntityTooLarge</Code>…`), if there is one. */
export function s3ErrorCode(body: string): string | null {
  return /<Code>\s*([A-Za-z0-9.]+)\s*<\/Code>/.exec(body)?.[1] ?? null;
}

/** A sentence a person understands for a failed upload; `maxBytes` is the grant's limit. */
export function describeUploadFailure(failure: UploadFailure, maxBytes: number): string {
  if (failure.kind === "aborted") return "The upload was cancelled.";
  if (failure.kind === "network") return "The upload was interrupted. Check your connection and try again.";
  switch (failure.code) {
    case "EntityTooLarge":
      return `The file is larger than the ${formatMegabytes(maxBytes)} a receipt may be.`;
    case "EntityTooSmall":
      return "The file is empty. Choose another photo or PDF.";
    // S3 answers AccessDenied to a POST whose policy has expired (grants last a few minutes).
    case "AccessDenied":
    case "ExpiredToken":
    case "RequestExpired":
      return "The upload took too long and its permission ran out. Try again.";
    case "SlowDown":
    case "ServiceUnavailable":
    case "InternalError":
      return "The file storage is busy right now. Wait a moment, then try again.";
    default:
      return failure.status >= 500
        ? "The file storage is not answering right now. Wait a moment, then try again."
        : "The file storage refused this upload. Try again; if it keeps happening, choose another file.";
  }
}
