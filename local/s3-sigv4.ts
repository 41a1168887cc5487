/**
 * AWS Signature Version 4 as S3 checks it, for the local S3 front. s3rver accepts any V4 signature
 * (it only compares V2 ones) and skips a non-numeric X-Amz-Expires, so the front verifies here. Pure:
 * the clock and the secrets are parameters.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { S3Error, accessDenied, signatureDoesNotMatch } from "./s3-error";

export const ALGORITHM = "AWS4-HMAC-SHA256";
/** Secret access key for an access key id, or undefined when the id is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

export type SignedRequest = {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  /** The query string as sent, without `?`. */
  query: string;
  /** Lower-case header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
};

export type Credential = { accessKeyId: string; date: string; region: string; service: string; scope: string };

const MAX_SKEW_MS = 15 * 60_000;

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const step = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
  return step(step(step(step(`AWS4${secret}`, date), region), service), "aws4_request");
}

export const hmacHex = (key: Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest("hex");
const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

/** RFC 3986 encoding as the AWS signers do it (encodeURIComponent plus `!'()*`). */
export const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `AKID/yyyymmdd/region/service/aws4_request`, or undefined when malformed. */
export function parseCredential(value: string): Credential | undefined {
  const parts = value.split("/");
  if (parts.length !== 5) return undefined;
  const [accessKeyId = "", date = "", region = "", service = "", terminator] = parts;
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || terminator !== "aws4_request") return undefined;
  return { accessKeyId, date, region, service, scope: `${date}/${region}/${service}/aws4_request` };
}

/** `yyyyMMdd'T'HHmmss'Z'` to a Date, or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Decoded query pairs in order; `+` stays a plus, as S3 reads a signed query. */
export function parseQuery(query: string): [string, string][] {
  if (!query) return [];
  return query.split("&").map((pair) => {
    const at = pair.indexOf("=");
    const [name, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    return [safeDecode(name), safeDecode(value)];
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error("InvalidArgument", 400, "Invalid URI encoding in the request.");
  }
}

/** Which authentication a request carries: S3 answers an unsigned request to a private bucket 403. */
export function authKind(req: SignedRequest): "header" | "query" | "none" {
  const auth = header(req, "authorization");
  if (auth) return "header";
  return parseQuery(req.query).some(([name]) => name === "X-Amz-Algorithm" || name === "Signature")
    ? "query"
    : "none";
}

/** Throws the S3Error S3 would answer unless `req` is signed (header or presigned URL) with a known key. */
export function verifyRequestSignature(req: SignedRequest, secretFor: SecretLookup, now: Date): void {
  const kind = authKind(req);
  if (kind === "none") throw accessDenied();
  if (kind === "query") verifyQuery(req, secretFor, now);
  else verifyHeader(req, secretFor, now);
}

function verifyQuery(req: SignedRequest, secretFor: SecretLookup, now: Date): void {
  const params = parseQuery(req.query);
  const get = (name: string) => params.find(([n]) => n === name)?.[1];
  const queryError = (message: string) => new S3Error("AuthorizationQueryParametersError", 400, message);
  const algorithm = get("X-Amz-Algorithm");
  if (algorithm === undefined) throw unsupportedV2();
  const [credentialText, amzDate, signedHeaders, expiresText, signature] = [
    get("X-Amz-Credential"),
    get("X-Amz-Date"),
    get("X-Amz-SignedHeaders"),
    get("X-Amz-Expires"),
    get("X-Amz-Signature"),
  ];
  if (!credentialText || !amzDate || !signedHeaders || !expiresText || !signature) {
    throw queryError(
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, " +
        "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    );
  }
  if (algorithm !== ALGORITHM) throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  if (!/^\d+$/.test(expiresText)) throw queryError("X-Amz-Expires should be a number");
  const expires = Number(expiresText);
  if (expires > 604_800) {
    throw queryError(
      "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be " +
        "less than 604800 seconds",
    );
  }
  const credential = parseCredential(credentialText);
  if (!credential) throw queryError(`Error parsing the X-Amz-Credential parameter; ${credentialText}`);
  if (credential.date !== amzDate.slice(0, 8)) {
    throw queryError("Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  if (signedAt.getTime() - now.getTime() > MAX_SKEW_MS) throw accessDenied("Request is not valid yet");
  if (now.getTime() > signedAt.getTime() + expires * 1000) throw accessDenied("Request has expired");

  const unsigned = params.filter(([name]) => name !== "X-Amz-Signature");
  const payloadHash = get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD";
  checkSignature(req, unsigned, signedHeaders, payloadHash, credential, amzDate, signature, secretFor);
}

function verifyHeader(req: SignedRequest, secretFor: SecretLookup, now: Date): void {
  const auth = header(req, "authorization") ?? "";
  const malformed = (message: string) => new S3Error("AuthorizationHeaderMalformed", 400, message);
  const space = auth.indexOf(" ");
  const algorithm = space < 0 ? auth : auth.slice(0, space);
  if (algorithm !== ALGORITHM) throw unsupportedV2();
  const parts = new Map(
    auth
      .slice(space + 1)
      .split(",")
      .map((part) => part.trim())
      .map((part): [string, string] => [part.slice(0, part.indexOf("=")), part.slice(part.indexOf("=") + 1)]),
  );
  const [credentialText, signedHeaders, signature] = [
    parts.get("Credential"),
    parts.get("SignedHeaders"),
    parts.get("Signature"),
  ];
  if (!credentialText || !signedHeaders || !signature) {
    throw malformed(
      "The authorization header is malformed; the authorization header requires three components: " +
        "Credential, SignedHeaders, and Signature.",
    );
  }
  const credential = parseCredential(credentialText);
  if (!credential) throw malformed(`The authorization header is malformed; ${credentialText}`);
  const amzDate = header(req, "x-amz-date") ?? "";
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw accessDenied("AWS authentication requires a valid Date or x-amz-date header");
  if (credential.date !== amzDate.slice(0, 8)) {
    throw malformed("The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  if (Math.abs(signedAt.getTime() - now.getTime()) > MAX_SKEW_MS) {
    throw new S3Error(
      "RequestTimeTooSkewed",
      403,
      "The difference between the request time and the current time is too large.",
    );
  }
  const payloadHash = header(req, "x-amz-content-sha256");
  if (!payloadHash) {
    throw new S3Error("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");
  }
  const params = parseQuery(req.query);
  checkSignature(req, params, signedHeaders, payloadHash, credential, amzDate, signature, secretFor);
}

function checkSignature(
  req: SignedRequest,
  params: [string, string][],
  signedHeaders: string,
  payloadHash: string,
  credential: Credential,
  amzDate: string,
  signature: string,
  secretFor: SecretLookup,
): void {
  const secret = secretFor(credential.accessKeyId);
  if (secret === undefined) {
    throw new S3Error(
      "InvalidAccessKeyId",
      403,
      "The AWS Access Key Id you provided does not exist in our records.",
      { AWSAccessKeyId: credential.accessKeyId },
    );
  }
  const names = signedHeaders.split(";");
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(params),
    names.map((name) => `${name}:${canonicalHeaderValue(req.headers[name])}\n`).join(""),
    signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = [ALGORITHM, amzDate, credential.scope, sha256Hex(canonicalRequest)].join("\n");
  const key = signingKey(secret, credential.date, credential.region, credential.service);
  if (!sameHex(hmacHex(key, stringToSign), signature.toLowerCase())) throw signatureDoesNotMatch();
}

/** S3 signs each path segment encoded once; normalising lets clients that leave `!` or `'` raw pass. */
function canonicalUri(path: string): string {
  return path
    .split("/")
    .map((segment) => rfc3986(safeDecode(segment)))
    .join("/");
}

function canonicalQuery(params: [string, string][]): string {
  return params
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.trim().replace(/\s+/g, " ");
}

function header(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

const unsupportedV2 = () =>
  new S3Error(
    "InvalidRequest",
    400,
    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
  );
