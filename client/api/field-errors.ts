import { ApiError } from "./api-fetch";

/** "must be positive" -> "Must be positive": messages are shown as sentences. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A 422's messages by field path (the first per field, as a sentence), or null for any other failure. */
export function fieldErrors(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiError && error.status === 422 && error.errors.length > 0)) return null;
  const byPath: Record<string, string> = {};
  for (const { path, message } of error.errors) byPath[path] ??= sentence(message);
  return byPath;
}
