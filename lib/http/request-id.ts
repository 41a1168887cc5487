import { randomUUID } from "node:crypto";

/** What a client's request id may be: a plain token (a UUID, a ULID, a trace id), at most 128 characters. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:=/-]{0,127}$/;

/**
 * The id a request is logged and answered under: the client's `x-request-id` when it is a plain token, else
 * `fallback()` — a client's text never reaches the logs or the response headers as it came (quotes, JSON, 8 KB).
 */
export function requestIdOf(headers: Headers, fallback: () => string = randomUUID): string {
  const sent = headers.get("x-request-id");
  return sent !== null && CLIENT_REQUEST_ID.test(sent) ? sent : fallback();
}
