import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";

/** DESIGN "HTTP API": request bodies are at most 64 KB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** `application/json`, optionally with `charset=utf-8` (JSON is UTF-8 by definition, RFC 8259). */
function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const [type = "", ...params] = header.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((param) => param === "" || param.replace(/\s/g, "") === "charset=utf-8" || param.replace(/\s/g, "") === 'charset="utf-8"');
}

/**
 * Reads a JSON body: 415 unless it is sent as application/json, 413 past `maxBytes` (checked on the
 * declared length and again while streaming, so a lying or absent Content-Length cannot make us buffer
 * more), 400 when it is not UTF-8 JSON. Validation of the parsed value is the caller's schema's job.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(req.headers.get("content-type"))) throw new UnsupportedMediaTypeError("application/json");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const bytes = await readAtMost(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The body is not valid UTF-8.", [{ path: "(body)", message: "is not valid UTF-8" }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "is not valid JSON";
    throw new BadRequestError("The body is not valid JSON.", [{ path: "(body)", message: reason }]);
  }
}

async function readAtMost(req: Request, maxBytes: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
