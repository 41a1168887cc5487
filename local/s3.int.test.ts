import { createHash } from "node:crypto";
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createPresignedPost, type PresignedPostOptions } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startS3 } from "./s3";
import type { RunningService } from "./types";

const BUCKET = "ledgerline-test-files";
const APP_ORIGIN = "http://localhost:3000";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

let s3: RunningService;
let client: S3Client;
const events: S3Event[] = [];
let onEvent: (event: S3Event) => void | Promise<void> = (event) => {
  events.push(event);
};

beforeAll(async () => {
  s3 = await startS3({ bucket: BUCKET, allowedOrigins: [APP_ORIGIN], onObjectCreated: (event) => onEvent(event) });
  client = s3Client("S3RVER");
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
});

function s3Client(secretAccessKey: string) {
  return new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

let keys = 0;
const uniqueKey = (name: string) => `receipts/u1/e${++keys}/${name}`;

/** A receipt upload form as the API hands it out: one key, image/png only, 1..100 bytes. */
function receiptForm(key: string, overrides: Partial<PresignedPostOptions> = {}) {
  return createPresignedPost(client, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [
      ["content-length-range", 1, 100],
      ["eq", "$Content-Type", "image/png"],
    ],
    Fields: { "Content-Type": "image/png" },
    Expires: 300,
    ...overrides,
  });
}

/** What a browser sends: the fields in order, then the file; `edits` replace or (null) drop fields. */
async function postForm(
  post: { url: string; fields: Record<string, string> },
  file: Uint8Array<ArrayBuffer>,
  edits: Record<string, string | null> = {},
  origin?: string,
) {
  const form = new FormData();
  const fields: Record<string, string | null> = { ...post.fields, ...edits };
  for (const [name, value] of Object.entries(fields)) if (value !== null) form.append(name, value);
  form.append("file", new Blob([file], { type: "image/png" }), "photo.png");
  const response = await fetch(post.url, { method: "POST", body: form, headers: origin ? { origin } : {} });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function isStored(key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === "NotFound") return false;
    throw error;
  }
}

const xmlCode = (body: string) => /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/** The record for `key`, decoded the way every S3 handler decodes it. */
async function eventFor(key: string) {
  return vi.waitFor(
    () => {
      const record = events
        .flatMap((event) => event.Records)
        .find((r) => decodeURIComponent(r.s3.object.key.replace(/\+/g, " ")) === key);
      if (!record) throw new Error(`no event for ${key} yet`);
      return record;
    },
    { timeout: 5_000, interval: 20 },
  );
}

describe("browser POST upload", () => {
  it("stores a file inside the policy with its Content-Type and notifies ObjectCreated:Post", async () => {
    const key = uniqueKey("my receipt.png");
    const post = await receiptForm(key);
    const response = await postForm(post, PNG);
    expect(response.status).toBe(204);

    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(object.ContentType).toBe("image/png");
    expect(await object.Body?.transformToByteArray()).toEqual(PNG);

    const record = await eventFor(key);
    expect(record.eventName).toBe("ObjectCreated:Post");
    expect(record.awsRegion).toBe("us-east-1");
    expect(record.s3.bucket.name).toBe(BUCKET);
    expect(record.s3.object).toMatchObject({ key: key.replace(" ", "+"), size: PNG.length, eTag: md5(PNG) });
    expect(Date.parse(record.eventTime)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("honours success_action_status 201 with S3's PostResponse", async () => {
    const key = uniqueKey("a.png");
    const post = await receiptForm(key, {
      Fields: { "Content-Type": "image/png", success_action_status: "201" },
    });
    const response = await postForm(post, PNG);
    expect(response.status).toBe(201);
    expect(response.body).toContain(`<Key>${key}</Key>`);
  });

  it("refuses a file over content-length-range with EntityTooLarge and stores nothing", async () => {
    const key = uniqueKey("big.png");
    const response = await postForm(await receiptForm(key), new Uint8Array(101));
    expect(response.status).toBe(400);
    expect(xmlCode(response.body)).toBe("EntityTooLarge");
    expect(response.body).toContain("<MaxSizeAllowed>100</MaxSizeAllowed>");
    expect(await isStored(key)).toBe(false);
  });

  it("refuses a Content-Type other than the signed one", async () => {
    const key = uniqueKey("page.html");
    const response = await postForm(await receiptForm(key), PNG, { "Content-Type": "text/html" });
    expect(response.status).toBe(403);
    expect(xmlCode(response.body)).toBe("AccessDenied");
    expect(response.body).toContain("Policy Condition failed");
    expect(await isStored(key)).toBe(false);
  });

  it("refuses another key than the signed one", async () => {
    const key = uniqueKey("a.png");
    const other = uniqueKey("b.png");
    const response = await postForm(await receiptForm(key), PNG, { key: other });
    expect(response.status).toBe(403);
    expect(xmlCode(response.body)).toBe("AccessDenied");
    expect(await isStored(other)).toBe(false);
    expect(await isStored(key)).toBe(false);
  });

  it("refuses an expired policy", async () => {
    const key = uniqueKey("late.png");
    const response = await postForm(await receiptForm(key, { Expires: -1 }), PNG);
    expect(response.status).toBe(403);
    expect(response.body).toContain("Invalid according to Policy: Policy expired.");
    expect(await isStored(key)).toBe(false);
  });

  it("refuses a tampered signature", async () => {
    const key = uniqueKey("a.png");
    const post = await receiptForm(key);
    const signature = post.fields["X-Amz-Signature"] ?? "";
    const flipped = signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
    const response = await postForm(post, PNG, { "X-Amz-Signature": flipped });
    expect(response.status).toBe(403);
    expect(xmlCode(response.body)).toBe("SignatureDoesNotMatch");
    expect(await isStored(key)).toBe(false);
  });

  it("refuses a policy whose size limit was raised after signing", async () => {
    const key = uniqueKey("big.png");
    const post = await receiptForm(key);
    const policy = JSON.parse(Buffer.from(post.fields.Policy ?? "", "base64").toString("utf8"));
    policy.conditions[0] = ["content-length-range", 1, 10_000];
    const tampered = Buffer.from(JSON.stringify(policy)).toString("base64");
    const response = await postForm(post, new Uint8Array(500), { Policy: tampered });
    expect(response.status).toBe(403);
    expect(xmlCode(response.body)).toBe("SignatureDoesNotMatch");
    expect(await isStored(key)).toBe(false);
  });

  it("answers the uploader even when the notified function throws", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    onEvent = () => {
      throw new Error("receipt function crashed");
    };
    try {
      const key = uniqueKey("a.png");
      expect((await postForm(await receiptForm(key), PNG)).status).toBe(204);
      await vi.waitFor(() => expect(errors).toHaveBeenCalled(), { timeout: 5_000 });
      expect(await isStored(key)).toBe(true);
    } finally {
      onEvent = (event) => {
        events.push(event);
      };
      errors.mockRestore();
    }
  });
});

describe("CORS", () => {
  it("lets the app's origin read responses and preflight, and no other origin", async () => {
    const post = await receiptForm(uniqueKey("a.png"));
    const allowed = await postForm(post, PNG, {}, APP_ORIGIN);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(allowed.headers.get("access-control-expose-headers")).toContain("ETag");

    const refusedPost = await receiptForm(uniqueKey("b.png"));
    const other = await postForm(refusedPost, PNG, {}, "http://evil.example");
    expect(other.status).toBe(204);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();

    const preflight = (origin: string) =>
      fetch(`${s3.endpoint}/${BUCKET}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const ok = await preflight(APP_ORIGIN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    const refused = await preflight("http://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("presigned GET", () => {
  let key: string;
  beforeAll(async () => {
    key = uniqueKey("shown.png");
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: PNG, ContentType: "image/png" }));
  });

  it("serves the object to whoever holds the URL", async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
  });

  it("refuses an expired URL", async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(xmlCode(body)).toBe("AccessDenied");
    expect(body).toContain("Request has expired");
  });

  it("refuses a URL whose key or signature was changed", async () => {
    const other = uniqueKey("secret.png");
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: other, Body: PNG }));
    const url = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    const moved = new URL(url);
    moved.pathname = `/${BUCKET}/${other}`;
    const movedResponse = await fetch(moved);
    expect(movedResponse.status).toBe(403);
    expect(xmlCode(await movedResponse.text())).toBe("SignatureDoesNotMatch");

    url.searchParams.set("X-Amz-Signature", "0".repeat(64));
    const forged = await fetch(url);
    expect(forged.status).toBe(403);
    expect(xmlCode(await forged.text())).toBe("SignatureDoesNotMatch");
  });

  it("refuses unsigned requests: the bucket is private", async () => {
    const response = await fetch(`${s3.endpoint}/${BUCKET}/${key}`);
    expect(response.status).toBe(403);
    expect(xmlCode(await response.text())).toBe("AccessDenied");
  });
});

describe("SDK calls", () => {
  it("refuses a client signing with the wrong secret", async () => {
    const wrong = s3Client("not-the-secret");
    await expect(wrong.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "x" }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: "receipts/forged.png", Body: PNG })),
    ).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
    wrong.destroy();
    expect(await isStored("receipts/forged.png")).toBe(false);
  });

  it("round-trips odd keys, lists by prefix and deletes in batch through the verifying front", async () => {
    const prefix = `imports/u 9+x/${++keys}/`;
    const names = ["März (1).csv", "a=b&c.csv", "it's!*~.csv"];
    for (const name of names) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: prefix + name, Body: name }));
    }
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: prefix + names[0], Range: "bytes=0-3" }));
    expect(await got.Body?.transformToString()).toBe("März".slice(0, 3));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual(names.map((n) => prefix + n).sort());
    await client.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: names.map((n) => ({ Key: prefix + n })) } }),
    );
    const after = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    expect(after.KeyCount).toBe(0);
  });

  it("streams a 3 MB PutObject (sent with Expect: 100-continue) intact", async () => {
    const key = uniqueKey("large.bin");
    const body = Buffer.alloc(3 * 1024 * 1024, 0xab);
    body.write("tail", body.length - 4);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(md5(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))).toBe(md5(body));
  });

  it("notifies ObjectCreated for PutObject, CopyObject and CompleteMultipartUpload", async () => {
    const put = uniqueKey("put=1.csv");
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: put, Body: "a,b\r\n", ContentType: "text/csv" }));
    expect(await eventFor(put)).toMatchObject({
      eventName: "ObjectCreated:Put",
      s3: { object: { key: put.replace("=", "%3D"), size: 5, eTag: md5(Buffer.from("a,b\r\n")) } },
    });

    const copy = uniqueKey("copy.csv");
    await client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: copy, CopySource: `${BUCKET}/${put}` }));
    expect(await eventFor(copy)).toMatchObject({ eventName: "ObjectCreated:Copy", s3: { object: { size: 5 } } });

    const multi = uniqueKey("multi.bin");
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: multi }));
    const part = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: multi, UploadId, PartNumber: 1, Body: Buffer.alloc(10, 7) }),
    );
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: multi,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(await eventFor(multi)).toMatchObject({
      eventName: "ObjectCreated:CompleteMultipartUpload",
      s3: { object: { size: 10 } },
    });
  });
});

describe("object tags", () => {
  const tagsOf = async (key: string) => {
    const { TagSet } = await client.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }));
    return Object.fromEntries((TagSet ?? []).map((tag) => [tag.Key, tag.Value]));
  };

  it("gives a new object exactly the tags it was sent with, by PutObject or by a POST form", async () => {
    const key = uniqueKey("tagged.png");
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: PNG, Tagging: "state=unsaved&by=a%20test" }));
    expect(await tagsOf(key)).toEqual({ state: "unsaved", by: "a test" });
    // An overwrite without tags has none, as on S3.
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: PNG }));
    expect(await tagsOf(key)).toEqual({});

    const posted = uniqueKey("posted.png");
    const tagging = "<Tagging><TagSet><Tag><Key>ledgerline-receipt</Key><Value>unprocessed</Value></Tag></TagSet></Tagging>";
    const form = await receiptForm(posted, { Fields: { "Content-Type": "image/png", tagging }, Conditions: [["content-length-range", 1, 100], ["eq", "$Content-Type", "image/png"], ["eq", "$tagging", tagging]] });
    expect((await postForm(form, PNG)).status).toBe(204);
    expect(await tagsOf(posted)).toEqual({ "ledgerline-receipt": "unprocessed" });
  });
});

describe("concurrent requests", () => {
  it("a PutObject into a folder whose only object is being deleted meanwhile is stored", async () => {
    for (let round = 0; round < 25; round++) {
      const folder = `receipts/u1/race${++keys}/`;
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${folder}original`, Body: PNG }));
      await Promise.all([
        client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: `${folder}original` }] } })),
        client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${folder}thumbnail`, Body: PNG })),
      ]);
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: folder }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([`${folder}thumbnail`]);
    }
  });

  it("a GET during an overwrite reads the old object or the new one whole, never a mix", async () => {
    const key = uniqueKey("overwritten.bin");
    const size = 2 * 1024 * 1024;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(size, 1) }));
    const read = async () => {
      const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));
    };
    const [, ...reads] = await Promise.all([
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(size, 2) })),
      ...Array.from({ length: 6 }, read),
    ]);
    for (const body of reads) {
      expect(body.length).toBe(size);
      expect([Buffer.alloc(size, 1).equals(body), Buffer.alloc(size, 2).equals(body)]).toContain(true);
    }
    expect((await read()).equals(Buffer.alloc(size, 2))).toBe(true);
  });
});
