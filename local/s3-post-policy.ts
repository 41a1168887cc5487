/**
 * The checks S3 applies to a browser POST upload (SigV4 POST policy), which s3rver skips entirely.
 * Pure: the form fields, the clock and the secrets are parameters; errors are the S3Error S3 answers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
import { S3Error, accessDenied, signatureDoesNotMatch } from "./s3-error";
import { ALGORITHM, hmacHex, parseCredential, sameHex, signingKey, type SecretLookup } from "./s3-sigv4";

export type ContentLengthRange = { min: number; max: number };

export type PostPolicyInput = {
  /** The bucket of the URL (`POST /<bucket>`). */
  bucket: string;
  /** Form fields sent before the file, names lower-cased (S3 matches them case-insensitively). */
  fields: ReadonlyMap<string, string>;
  /** The file part's filename, substituted for `${filename}` in the key. */
  filename?: string;
  secretFor: SecretLookup;
  now: Date;
};

export type PostPolicyGrant = {
  /** The object key to store (after `${filename}` substitution). */
  key: string;
  /** From `content-length-range`; checked once the file's size is known. */
  contentLength?: ContentLengthRange;
};

/** Fields S3 lets a form carry without a matching condition. */
const UNCONDITIONED = new Set(["x-amz-signature", "file", "policy"]);

/** Verifies the signature, expiry and every condition of the form's policy; throws what S3 would. */
export function checkPostPolicy(input: PostPolicyInput): PostPolicyGrant {
  const { fields } = input;
  const policy = fields.get("policy");
  if (policy === undefined) throw accessDenied();
  const rawKey = required(fields, "key");
  verifyPolicySignature(policy, fields, input.secretFor);

  const document = decodePolicy(policy);
  const expiresAt = typeof document.expiration === "string" ? new Date(document.expiration) : undefined;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) {
    throw invalidPolicy(`Invalid 'expiration' value: '${String(document.expiration)}'`);
  }
  if (input.now.getTime() >= expiresAt.getTime()) throw policyFailure("Policy expired.");
  if (!Array.isArray(document.conditions)) throw invalidPolicy("Policy missing conditions.");

  const covered = new Set<string>();
  let contentLength: ContentLengthRange | undefined;
  const valueOf = (field: string) => (field === "bucket" ? input.bucket : fields.get(field));
  for (const condition of document.conditions as unknown[]) {
    for (const rule of toRules(condition)) {
      if (rule.op === "content-length-range") {
        contentLength = {
          min: Math.max(contentLength?.min ?? 0, rule.min),
          max: Math.min(contentLength?.max ?? Number.MAX_SAFE_INTEGER, rule.max),
        };
        continue;
      }
      const field = rule.field.toLowerCase();
      covered.add(field);
      const actual = valueOf(field);
      const holds = actual !== undefined && (rule.op === "eq" ? actual === rule.value : actual.startsWith(rule.value));
      if (!holds) {
        throw policyFailure(`Policy Condition failed: ${formatRule(rule.op, rule.field, rule.value)}`);
      }
    }
  }
  const extra = [...fields.keys()].filter(
    (name) => !UNCONDITIONED.has(name) && !name.startsWith("x-ignore-") && !covered.has(name),
  );
  if (extra.length) throw policyFailure(`Extra input fields: ${extra.join(", ")}`);

  const key = rawKey.replaceAll("${filename}", input.filename ?? "");
  if (!key) throw argument("key", "User key must have a length greater than 0.");
  return { key, contentLength };
}

/** EntityTooLarge / EntityTooSmall when the uploaded file breaks `content-length-range`. */
export function checkContentLength(size: number, range: ContentLengthRange | undefined): void {
  if (!range) return;
  if (size > range.max) {
    throw new S3Error("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size", {
      ProposedSize: size,
      MaxSizeAllowed: range.max,
    });
  }
  if (size < range.min) {
    throw new S3Error("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size", {
      ProposedSize: size,
      MinSizeAllowed: range.min,
    });
  }
}

/** x-amz-signature must be HMAC-SHA256(signing key of x-amz-credential, the base64 policy as sent). */
function verifyPolicySignature(policy: string, fields: ReadonlyMap<string, string>, secretFor: SecretLookup) {
  if (fields.has("signature") || fields.has("awsaccesskeyid")) {
    throw new S3Error("InvalidRequest", 400, "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
  }
  const algorithm = required(fields, "x-amz-algorithm");
  const credentialText = required(fields, "x-amz-credential");
  required(fields, "x-amz-date");
  const signature = required(fields, "x-amz-signature");
  if (algorithm !== ALGORITHM) {
    throw new S3Error("InvalidArgument", 400, `Unsupported algorithm: ${algorithm}`, {
      ArgumentName: "x-amz-algorithm",
      ArgumentValue: algorithm,
    });
  }
  const credential = parseCredential(credentialText);
  if (!credential) {
    throw new S3Error("InvalidArgument", 400, "Error parsing the X-Amz-Credential parameter", {
      ArgumentName: "x-amz-credential",
      ArgumentValue: credentialText,
    });
  }
  const secret = secretFor(credential.accessKeyId);
  if (secret === undefined) {
    throw new S3Error("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", {
      AWSAccessKeyId: credential.accessKeyId,
    });
  }
  const key = signingKey(secret, credential.date, credential.region, credential.service);
  if (!sameHex(hmacHex(key, policy), signature.toLowerCase())) throw signatureDoesNotMatch();
}

type Rule =
  | { op: "eq" | "starts-with"; field: string; value: string }
  | { op: "content-length-range"; min: number; max: number };

/** `{ "field": "value" }` (exact match, possibly several) or `[op, "$field", value]` / `[op, min, max]`. */
function toRules(condition: unknown): Rule[] {
  if (condition && typeof condition === "object" && !Array.isArray(condition)) {
    return Object.entries(condition).map(([field, value]) => {
      if (typeof value !== "string") throw invalidCondition(condition);
      return { op: "eq", field, value };
    });
  }
  if (!Array.isArray(condition) || condition.length !== 3) throw invalidCondition(condition);
  const [rawOp, a, b] = condition as unknown[];
  const op = typeof rawOp === "string" ? rawOp.toLowerCase() : "";
  if (op === "content-length-range") {
    const [min, max] = [Number(a), Number(b)];
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
      throw invalidCondition(condition);
    }
    return [{ op, min, max }];
  }
  if ((op === "eq" || op === "starts-with") && typeof a === "string" && a.startsWith("$") && typeof b === "string") {
    return [{ op, field: a.slice(1), value: b }];
  }
  throw invalidCondition(condition);
}

function decodePolicy(policy: string): { expiration?: unknown; conditions?: unknown } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(policy, "base64").toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw invalidPolicy("Invalid JSON.");
}

const formatRule = (op: string, field: string, value: string) =>
  `[${[op, `$${field}`, value].map((part) => JSON.stringify(part)).join(", ")}]`;

const policyFailure = (reason: string) => accessDenied(`Invalid according to Policy: ${reason}`);
const invalidPolicy = (reason: string) => new S3Error("InvalidPolicyDocument", 400, `Invalid Policy: ${reason}`);
const invalidCondition = (condition: unknown) => invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);

function required(fields: ReadonlyMap<string, string>, name: string): string {
  const value = fields.get(name);
  if (value === undefined) {
    throw argument(
      name,
      `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    );
  }
  return value;
}

const argument = (name: string, message: string) =>
  new S3Error("InvalidArgument", 400, message, { ArgumentName: name, ArgumentValue: "" });
