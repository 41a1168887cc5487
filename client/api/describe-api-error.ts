import { ApiError } from "./api-fetch";

/** A sentence a person understands for a failed request, whatever was thrown. */
export function describeApiError(error: unknown, action: string): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return error.type?.endsWith("/account-closed") && error.detail ? error.detail : "Your session has ended. Sign in again to continue.";
    if (error.status === 429) return `Too many changes in a short time. Wait a moment, then try ${action} again.`;
    if (error.status >= 500) return `Something went wrong on our side while ${action}. Please try again.`;
    return error.detail ?? error.title;
  }
  return `We could not reach Ledgerline while ${action}. Check your connection and try again.`;
}
