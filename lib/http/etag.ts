import { BadRequestError, PreconditionFailedError, PreconditionRequiredError } from "../errors";

/** A resource's ETag is its version, quoted (a strong validator: every change bumps the version). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header names, or undefined without one. A well-formed tag we can never have
 * issued (weak, non-numeric) cannot match and is a 412; `*` is refused with 428 because it would let a
 * client overwrite changes it never saw, which is what the header exists to prevent.
 */
export function ifMatchVersion(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const tags = header.split(",").map((tag) => tag.trim());
  if (tags.includes("*")) throw new PreconditionRequiredError('If-Match: * is not accepted; send the ETag you read (e.g. "3").');
  if (tags.length !== 1) throw new BadRequestError("Send a single ETag in If-Match.", [{ path: "If-Match", message: "must be one ETag" }]);
  const match = /^"([1-9]\d{0,15})"$/.exec(tags[0] ?? "");
  if (!match?.[1]) throw new PreconditionFailedError();
  return Number(match[1]);
}

/** Like ifMatchVersion, but a missing header is a 428 (PATCH must say which version it changes). */
export function requiredIfMatchVersion(header: string | null): number {
  const version = ifMatchVersion(header);
  if (version === undefined) throw new PreconditionRequiredError();
  return version;
}
