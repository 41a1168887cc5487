import { S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost, type PresignedPostOptions } from "@aws-sdk/s3-presigned-post";
import { describe, expect, it } from "vitest";
import { checkContentLength, checkPostPolicy, type PostPolicyInput } from "./s3-post-policy";
import { refusal } from "./s3-refusal";

const BUCKET = "receipts-bucket";
const secretFor = (id: string) => (id === "S3RVER" ? "S3RVER" : undefined);

function client(secretAccessKey = "S3RVER", accessKeyId = "S3RVER") {
  return new S3Client({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:1",
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
}

/** A receipt form as the API hands it out: one key, an image type, at most 100 bytes. */
async function form(overrides: Partial<PresignedPostOptions> = {}, signer = client()) {
  const { fields } = await createPresignedPost(signer, {
    Bucket: BUCKET,
    Key: "receipts/u1/e1/photo.png",
    Conditions: [
      ["content-length-range", 1, 100],
      ["eq", "$Content-Type", "image/png"],
    ],
    Fields: { "Content-Type": "image/png" },
    Expires: 60,
    ...overrides,
  });
  return new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
}

function check(fields: Map<string, string>, extra: Partial<PostPolicyInput> = {}) {
  return checkPostPolicy({ bucket: BUCKET, fields, secretFor, now: new Date(), ...extra });
}


const edited = (fields: Map<string, string>, name: string, value: string) => new Map(fields).set(name, value);

describe("checkPostPolicy", () => {
  it("accepts a form exactly as createPresignedPost made it", async () => {
    expect(check(await form())).toEqual({ key: "receipts/u1/e1/photo.png", contentLength: { min: 1, max: 100 } });
  });

  it("refuses an expired policy", async () => {
    const fields = await form({ Expires: 60 });
    const error = refusal(() => check(fields, { now: new Date(Date.now() + 61_000) }));
    expect([error.code, error.status, error.message]).toEqual([
      "AccessDenied",
      403,
      "Invalid according to Policy: Policy expired.",
    ]);
  });

  it("refuses another key than the one signed", async () => {
    const fields = edited(await form(), "key", "receipts/u2/e1/photo.png");
    const refused = refusal(() => check(fields));
    expect(refused.code).toBe("AccessDenied");
    expect(refused.message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "receipts/u1/e1/photo.png"]',
    );
  });

  it("allows any name under a ${filename} prefix and substitutes the file's name", async () => {
    const fields = await form({ Key: "imports/u1/${filename}" });
    expect(check(fields, { filename: "bank.csv" }).key).toBe("imports/u1/bank.csv");
    const outside = edited(fields, "key", "imports/u2/${filename}");
    expect(refusal(() => check(outside, { filename: "bank.csv" })).message).toContain(
      '["starts-with", "$key", "imports/u1/"]',
    );
  });

  it("refuses a Content-Type other than the signed one", async () => {
    const fields = edited(await form(), "content-type", "text/html");
    const error = refusal(() => check(fields));
    expect([error.code, error.status]).toEqual(["AccessDenied", 403]);
    expect(error.message).toContain('["eq", "$Content-Type", "image/png"]');
  });

  it("checks a starts-with Content-Type against the prefix", async () => {
    const fields = await form({
      Conditions: [["starts-with", "$Content-Type", "image/"]],
      Fields: { "Content-Type": "image/webp" },
    });
    expect(check(fields).key).toBe("receipts/u1/e1/photo.png");
    expect(refusal(() => check(edited(fields, "content-type", "text/html"))).code).toBe("AccessDenied");
  });

  it("refuses a condition on a field the form leaves out", async () => {
    const fields = await form();
    fields.delete("content-type");
    expect(refusal(() => check(fields)).message).toContain("Policy Condition failed");
  });

  it("refuses fields the policy does not mention, but not x-ignore- ones", async () => {
    const fields = await form();
    expect(check(edited(fields, "x-ignore-note", "anything")).key).toBe("receipts/u1/e1/photo.png");
    const error = refusal(() => check(edited(fields, "x-amz-meta-owner", "someone")));
    expect(error.message).toBe("Invalid according to Policy: Extra input fields: x-amz-meta-owner");
  });

  it("refuses a form signed for another bucket", async () => {
    const fields = await form({ Bucket: "other-bucket" });
    expect(refusal(() => check(fields)).message).toContain('["eq", "$bucket", "other-bucket"]');
  });

  it("refuses a tampered signature", async () => {
    const fields = await form();
    const signature = fields.get("x-amz-signature") ?? "";
    const flipped = signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
    const error = refusal(() => check(edited(fields, "x-amz-signature", flipped)));
    expect([error.code, error.status]).toEqual(["SignatureDoesNotMatch", 403]);
  });

  it("refuses a policy edited after signing (a larger size limit)", async () => {
    const fields = await form();
    const document = JSON.parse(Buffer.from(fields.get("policy") ?? "", "base64").toString("utf8"));
    document.conditions[0] = ["content-length-range", 1, 10 ** 9];
    const tampered = Buffer.from(JSON.stringify(document)).toString("base64");
    expect(refusal(() => check(edited(fields, "policy", tampered))).code).toBe("SignatureDoesNotMatch");
  });

  it("refuses a policy signed with another secret or an unknown access key", async () => {
    const wrongSecret = await form({}, client("wrong-secret"));
    expect(refusal(() => check(wrongSecret)).code).toBe("SignatureDoesNotMatch");
    const unknownKey = await form({}, client("S3RVER", "SOMEONE-ELSE"));
    expect(refusal(() => check(unknownKey)).code).toBe("InvalidAccessKeyId");
  });

  it("refuses a form missing the signature or the key", async () => {
    const fields = await form();
    const noSignature = new Map(fields);
    noSignature.delete("x-amz-signature");
    expect(refusal(() => check(noSignature))).toMatchObject({ code: "InvalidArgument", status: 400 });
    const noKey = new Map(fields);
    noKey.delete("key");
    expect(refusal(() => check(noKey))).toMatchObject({ code: "InvalidArgument", status: 400 });
  });

  it("treats a form without a policy as an anonymous upload to a private bucket", async () => {
    const fields = await form();
    fields.delete("policy");
    expect(refusal(() => check(fields))).toMatchObject({ code: "AccessDenied", status: 403 });
  });
});

describe("checkContentLength", () => {
  const range = { min: 1, max: 100 };

  it("accepts sizes within the range, bounds included", () => {
    expect(() => checkContentLength(1, range)).not.toThrow();
    expect(() => checkContentLength(100, range)).not.toThrow();
  });

  it("answers EntityTooLarge above the maximum", () => {
    const error = refusal(() => checkContentLength(101, range));
    expect([error.code, error.status, error.details]).toEqual([
      "EntityTooLarge",
      400,
      { ProposedSize: 101, MaxSizeAllowed: 100 },
    ]);
  });

  it("answers EntityTooSmall below the minimum", () => {
    expect(refusal(() => checkContentLength(0, range))).toMatchObject({ code: "EntityTooSmall", status: 400 });
  });
});
