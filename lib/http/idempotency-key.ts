import { ValidationError } from "../errors";
import { IdempotencyKeySchema } from "../schemas";

/** The request's Idempotency-Key header, validated; undefined when the client sent none. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.headers.get("idempotency-key");
  if (header === null) return undefined;
  const parsed = IdempotencyKeySchema.safeParse(header);
  if (!parsed.success) throw new ValidationError([{ path: "Idempotency-Key", message: parsed.error.issues[0]?.message ?? "is invalid" }]);
  return parsed.data;
}
