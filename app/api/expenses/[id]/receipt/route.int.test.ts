import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import exifr from "exifr";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { createReceiptFiles } from "@/lib/receipts/receipt-files";
import { heic, jpegWithGps, pdf, png, uploadWithGrant, webp } from "@/lib/receipts/test-files";
import { localBucket } from "@/local/test-stack";
import type { ExpenseJson, Problem, Receipt, ReceiptUpload, ReceiptView } from "@/lib/schemas";
import { objectCreatedEvent } from "@/local/s3-event";
import type { TestUser } from "@/local/test-users";
import { handler } from "@/functions/receipt";
import { aliceAndBob, apiAs, type Api } from "../../test-client";

let s3: S3Client;
let bucket: string;
let alice: TestUser;
let aliceApi: Api;
let bobApi: Api;

beforeAll(async () => {
  ({ s3, bucket } = localBucket());
  ({ alice, aliceApi, bobApi } = await aliceAndBob());
});

async function newExpense(api: Api = aliceApi): Promise<ExpenseJson> {
  const res = await api.post<ExpenseJson>("/api/expenses", expenseBody({ description: "Receipt test" }));
  expect(res.status).toBe(201);
  return res.body;
}

async function grant(expenseId: string, contentType: string, size: number, api: Api = aliceApi) {
  return api.post<ReceiptUpload>(`/api/expenses/${expenseId}/receipt`, { contentType, size });
}

/**
 * The receipt once the function has settled the upload (the local runner delivers the S3 event as AWS would):
 * neither pending itself nor carrying a pending replacement.
 */
async function settled(expenseId: string, api: Api = aliceApi): Promise<Receipt> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await api.get<ExpenseJson>(`/api/expenses/${expenseId}`);
    if (body.receipt && body.receipt.status !== "pending" && body.receipt.replacement?.status !== "pending") return body.receipt;
    if (Date.now() > deadline) throw new Error(`receipt of ${expenseId} still ${body.receipt?.status ?? "absent"}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function attach(file: Buffer, contentType: string, expense?: ExpenseJson) {
  const target = expense ?? (await newExpense());
  const granted = await grant(target.id, contentType, file.length);
  expect(granted.status).toBe(201);
  const upload = await uploadWithGrant(granted.body, file);
  expect(upload.status).toBe(204);
  return { expense: target, key: granted.body.fields.key ?? "", receipt: await settled(target.id) };
}

async function stored(key: string): Promise<{ body: Buffer; contentType: string | undefined }> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { body: Buffer.from((await object.Body?.transformToByteArray()) ?? []), contentType: object.ContentType };
}

async function keysOf(expenseId: string, userId = alice.userId): Promise<string[]> {
  const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `receipts/${userId}/${expenseId}/` }));
  return (Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])).sort();
}

async function viewOf(expenseId: string): Promise<ReceiptView> {
  const res = await aliceApi.get<ReceiptView>(`/api/expenses/${expenseId}/receipt`);
  expect(res.status).toBe(200);
  return res.body;
}

async function thumbnailOf(view: ReceiptView) {
  const url = view.thumbnail?.url;
  if (!url) throw new Error("no thumbnail link");
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return sharp(Buffer.from(await res.arrayBuffer())).metadata();
}

describe("receipt upload grant", () => {
  it("pins key, type and size range in a 5-minute policy and marks the receipt pending", async () => {
    const expense = await newExpense();
    const before = Date.now();
    const res = await grant(expense.id, "image/jpeg", 123_456);
    expect(res.status).toBe(201);
    const { fields, expiresAt, maxBytes } = res.body;
    expect(fields.key).toMatch(new RegExp(`^receipts/${alice.userId}/${expense.id}/[0-9A-HJKMNP-TV-Z]{26}$`));
    expect(fields["Content-Type"]).toBe("image/jpeg");
    expect(maxBytes).toBe(10 * 1024 * 1024);
    const expiresIn = Date.parse(expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(290_000);
    expect(expiresIn).toBeLessThanOrEqual(301_000);
    const policy = JSON.parse(Buffer.from(fields.Policy ?? "", "base64").toString("utf8")) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([["content-length-range", 1, 10 * 1024 * 1024], { key: fields.key }, { "Content-Type": "image/jpeg" }]),
    );
    const after = await aliceApi.get<ExpenseJson>(`/api/expenses/${expense.id}`);
    expect(after.body.receipt).toMatchObject({ status: "pending", contentType: "image/jpeg" });
    expect(after.body.version).toBe(expense.version);
  });

  it.each([
    [{ contentType: "image/gif", size: 100 }, "contentType"],
    [{ contentType: "text/html", size: 100 }, "contentType"],
    [{ contentType: "image/png", size: 10 * 1024 * 1024 + 1 }, "size"],
    [{ contentType: "image/png", size: 0 }, "size"],
    [{ contentType: "image/png", size: 1.5 }, "size"],
  ])("refuses %j with a 422 naming %s, before any grant", async (body, field) => {
    const expense = await newExpense();
    const res = await aliceApi.post<Problem>(`/api/expenses/${expense.id}/receipt`, body);
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path)).toEqual([field]);
    expect((await aliceApi.get<ExpenseJson>(`/api/expenses/${expense.id}`)).body).not.toHaveProperty("receipt");
  });

  it("is a 404 for an unknown or malformed expense id", async () => {
    expect((await grant("01JQ3Z8K4M5N6P7Q8R9S0T1V2W", "image/png", 10)).status).toBe(404);
    expect((await grant("..%2F..%2Fetc", "image/png", 10)).status).toBe(404);
  });
});

describe("S3 holds uploads to the grant", () => {
  it("refuses a file over the granted range (11 MB) and stores nothing", async () => {
    const expense = await newExpense();
    const { body } = await grant(expense.id, "image/jpeg", 10 * 1024 * 1024);
    const res = await uploadWithGrant(body, Buffer.alloc(11 * 1024 * 1024, 1));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("EntityTooLarge");
    expect(await keysOf(expense.id)).toEqual([]);
  });

  it("refuses another key, another Content-Type and an expired grant", async () => {
    const expense = await newExpense();
    const { body } = await grant(expense.id, "image/png", 1000);
    const file = await png(40, 30);
    const otherKey = await uploadWithGrant(body, file, { key: `receipts/${alice.userId}/${expense.id}/01JQ3Z8K4M5N6P7Q8R9S0T1V2W` });
    expect(otherKey.status).toBe(403);
    const otherType = await uploadWithGrant(body, file, { "Content-Type": "text/html" });
    expect(otherType.status).toBe(403);

    // Signed six minutes ago: the grant expired a minute ago.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 6 * 60_000 });
    const expired = await createReceiptFiles({ s3, bucket }).grantUpload(body.fields.key ?? "", "image/png");
    vi.useRealTimers();
    const late = await uploadWithGrant(expired, file);
    expect(late.status).toBe(403);
    expect(await keysOf(expense.id)).toEqual([]);
  });
});

describe("receipt function", () => {
  it("auto-orients a phone JPEG, strips its EXIF and GPS, and makes a WebP thumbnail <= 320 px", async () => {
    const original = await jpegWithGps(1200, 800);
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(48.2083, 3) });
    const { expense, key, receipt } = await attach(original, "image/jpeg");
    expect(receipt).toMatchObject({ status: "ready", contentType: "image/jpeg", hasThumbnail: true });

    const file = await stored(key);
    expect(file.contentType).toBe("image/jpeg");
    expect(await exifr.parse(file.body, { gps: true, tiff: true, xmp: true, icc: true })).toBeUndefined();
    const meta = await sharp(file.body).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([800, 1200, 1]);

    const view = await viewOf(expense.id);
    expect(view).toMatchObject({ status: "ready", contentType: "image/jpeg", fileName: "receipt-2025-03-14.jpg" });
    const thumb = await thumbnailOf(view);
    expect(thumb.format).toBe("webp");
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(320);
    expect(thumb.height).toBeGreaterThan(thumb.width ?? 0);
    expect(thumb.exif).toBeUndefined();

    const inline = await fetch(view.original?.url ?? "");
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-disposition")).toBe('inline; filename="receipt-2025-03-14.jpg"');
    expect(inline.headers.get("content-type")).toBe("image/jpeg");
  });

  it("caps a large photo at 2560 px", async () => {
    const { key, receipt } = await attach(await sharp(await png(3600, 2400)).jpeg().toBuffer(), "image/jpeg");
    expect(receipt.status).toBe("ready");
    const meta = await sharp((await stored(key)).body).metadata();
    expect([meta.width, meta.height]).toEqual([2560, 1707]);
  });

  it.each([
    ["a PNG", "image/png", () => png(), "image/png"],
    ["a WebP", "image/webp", () => webp(), "image/webp"],
  ])("accepts %s and keeps its format", async (_name, type, make, storedType) => {
    const { expense, key, receipt } = await attach(await make(), type);
    expect(receipt).toMatchObject({ status: "ready", contentType: storedType, hasThumbnail: true });
    expect((await stored(key)).contentType).toBe(storedType);
    expect((await thumbnailOf(await viewOf(expense.id))).format).toBe("webp");
  });

  it("decodes an iPhone HEIC, stores it as a JPEG without its Exif, with a thumbnail", async () => {
    const original = heic();
    expect(original.includes(Buffer.from("Exif"))).toBe(true);
    const { expense, key, receipt } = await attach(original, "image/heic");
    expect(receipt).toMatchObject({ status: "ready", contentType: "image/jpeg", hasThumbnail: true });
    const file = await stored(key);
    const meta = await sharp(file.body).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["jpeg", 1200, 900, undefined]);
    expect((await viewOf(expense.id)).fileName).toBe("receipt-2025-03-14.jpg");
  });

  it("accepts a PDF as it is, without a thumbnail", async () => {
    const file = pdf();
    const { expense, key, receipt } = await attach(file, "application/pdf");
    expect(receipt).toMatchObject({ status: "ready", contentType: "application/pdf", hasThumbnail: false });
    expect((await stored(key)).body.equals(file)).toBe(true);
    const view = await viewOf(expense.id);
    expect(view.thumbnail).toBeUndefined();
    expect(view.fileName).toBe("receipt-2025-03-14.pdf");
    expect(await keysOf(expense.id)).toEqual([key]);
  });

  it("rejects a text file sent as image/png, with a reason, and deletes it", async () => {
    const { expense, receipt } = await attach(Buffer.from("hello, this is not a picture\n"), "image/png");
    expect(receipt.status).toBe("rejected");
    expect(receipt.reason).toMatch(/contains text, not an image/);
    expect(await keysOf(expense.id)).toEqual([]);
    const view = await viewOf(expense.id);
    expect(view).toMatchObject({ status: "rejected", reason: receipt.reason });
    expect(view.original).toBeUndefined();
  });

  it("rejects an HTML page and a damaged JPEG", async () => {
    const html = await attach(Buffer.from("<!doctype html><script>alert(1)</script>"), "image/jpeg");
    expect(html.receipt.status).toBe("rejected");
    const jpeg = await jpegWithGps(600, 400);
    const damaged = await attach(Buffer.concat([jpeg.subarray(0, 600), Buffer.alloc(4000, 0x55)]), "image/jpeg");
    expect(damaged.receipt).toMatchObject({ status: "rejected", reason: expect.stringMatching(/could not be read/) });
    expect(await keysOf(damaged.expense.id)).toEqual([]);
  });
});

describe("replacing, removing, deleting", () => {
  it("replaces a ready receipt: the old one stays viewable until the new one is ready, then its files go", async () => {
    const first = await attach(await png(), "image/png");
    const granted = await grant(first.expense.id, "image/jpeg", 60_000);
    const during = await aliceApi.get<ExpenseJson>(`/api/expenses/${first.expense.id}`);
    expect(during.body.receipt).toMatchObject({ status: "ready", contentType: "image/png", replacement: { status: "pending" } });
    expect((await viewOf(first.expense.id)).contentType).toBe("image/png");

    expect((await uploadWithGrant(granted.body, await jpegWithGps())).status).toBe(204);
    const receipt = await settled(first.expense.id);
    expect(receipt).toMatchObject({ status: "ready", contentType: "image/jpeg", hasThumbnail: true });
    expect(receipt).not.toHaveProperty("replacement");
    const key = granted.body.fields.key ?? "";
    await expect.poll(() => keysOf(first.expense.id)).toEqual([key, `${key}.thumb.webp`]);
  });

  it("keeps the ready receipt when a replacement is refused, and says why", async () => {
    const first = await attach(await png(), "image/png");
    const granted = await grant(first.expense.id, "image/jpeg", 100);
    expect((await uploadWithGrant(granted.body, Buffer.from("not a photo at all"))).status).toBe(204);
    const receipt = await settled(first.expense.id);
    expect(receipt).toMatchObject({ status: "ready", contentType: "image/png", replacement: { status: "rejected", reason: expect.stringMatching(/text/) } });
    expect(await keysOf(first.expense.id)).toEqual([first.key, `${first.key}.thumb.webp`]);
    expect((await fetch((await viewOf(first.expense.id)).original?.url ?? "")).status).toBe(200);

    expect((await aliceApi.delete(`/api/expenses/${first.expense.id}/receipt/replacement`)).status).toBe(204);
    expect((await aliceApi.get<ExpenseJson>(`/api/expenses/${first.expense.id}`)).body.receipt).not.toHaveProperty("replacement");
    expect((await aliceApi.delete(`/api/expenses/${first.expense.id}/receipt/replacement`)).status).toBe(404);
  });

  it("keeps the ready receipt when a replacement is cancelled, even if its upload lands later", async () => {
    const first = await attach(await png(), "image/png");
    const granted = await grant(first.expense.id, "image/png", 5000);
    expect((await aliceApi.delete(`/api/expenses/${first.expense.id}/receipt/replacement`)).status).toBe(204);
    expect((await uploadWithGrant(granted.body, await png(120, 80))).status).toBe(204);
    await expect.poll(() => keysOf(first.expense.id), { timeout: 10_000 }).toEqual([first.key, `${first.key}.thumb.webp`]);
    expect((await aliceApi.get<ExpenseJson>(`/api/expenses/${first.expense.id}`)).body.receipt).toMatchObject({ status: "ready", contentType: "image/png" });
  });

  it("ignores a late event for a replaced receipt and deletes that upload's file", async () => {
    const expense = await newExpense();
    const old = await grant(expense.id, "image/png", 5000);
    const current = await grant(expense.id, "image/png", 5000);
    // The old grant is still valid at S3; its upload arrives after the receipt was replaced.
    expect((await uploadWithGrant(old.body, await png(200, 100))).status).toBe(204);
    expect((await uploadWithGrant(current.body, await png(300, 100))).status).toBe(204);
    const receipt = await settled(expense.id);
    expect(receipt.status).toBe("ready");
    const currentKey = current.body.fields.key ?? "";
    await expect.poll(() => keysOf(expense.id)).toEqual([currentKey, `${currentKey}.thumb.webp`]);

    // The same late event delivered again (S3 delivers at least once) changes nothing.
    const before = await aliceApi.get<ExpenseJson>(`/api/expenses/${expense.id}`);
    const late = objectCreatedEvent({
      eventName: "ObjectCreated:Post",
      bucket,
      key: old.body.fields.key ?? "",
      size: 5000,
      eTag: "0",
      region: "us-east-1",
      sourceIp: "127.0.0.1",
      requestId: "LATE",
      sequence: 1,
      now: new Date(),
    });
    expect(await handler(late)).toEqual([{ outcome: "superseded" }]);
    const repeated = objectCreatedEvent({ ...late.Records[0], eventName: "ObjectCreated:Post", bucket, key: currentKey, size: 1, eTag: "0", region: "us-east-1", sourceIp: "127.0.0.1", requestId: "AGAIN", sequence: 2, now: new Date() });
    expect(await handler(repeated)).toEqual([{ outcome: "duplicate" }]);
    expect((await aliceApi.get<ExpenseJson>(`/api/expenses/${expense.id}`)).body).toEqual(before.body);
  });

  it("removes a receipt and its files", async () => {
    const { expense } = await attach(await png(), "image/png");
    expect((await aliceApi.delete(`/api/expenses/${expense.id}/receipt`)).status).toBe(204);
    expect((await aliceApi.get<ExpenseJson>(`/api/expenses/${expense.id}`)).body).not.toHaveProperty("receipt");
    expect(await keysOf(expense.id)).toEqual([]);
    expect((await aliceApi.get(`/api/expenses/${expense.id}/receipt`)).status).toBe(404);
    expect((await aliceApi.delete(`/api/expenses/${expense.id}/receipt`)).status).toBe(404);
  });

  it("deleting the expense leaves no object under its prefix", async () => {
    const { expense } = await attach(await jpegWithGps(), "image/jpeg");
    expect((await keysOf(expense.id)).length).toBe(2);
    expect((await aliceApi.delete(`/api/expenses/${expense.id}`)).status).toBe(204);
    expect(await keysOf(expense.id)).toEqual([]);
  });

  it("an upload landing after its expense was deleted is deleted too", async () => {
    const expense = await newExpense();
    const { body } = await grant(expense.id, "image/png", 5000);
    expect((await aliceApi.delete(`/api/expenses/${expense.id}`)).status).toBe(204);
    expect((await uploadWithGrant(body, await png(100, 100))).status).toBe(204);
    await expect.poll(() => keysOf(expense.id), { timeout: 10_000 }).toEqual([]);
  });
});

describe("another user's receipt", () => {
  it("is a 404 on every receipt route, and Alice's receipt is unchanged", async () => {
    const { expense, key } = await attach(await png(), "image/png");
    const before = await viewOf(expense.id);
    const path = `/api/expenses/${expense.id}/receipt`;
    expect((await bobApi.post(path, { contentType: "image/png", size: 100 })).status).toBe(404);
    expect((await bobApi.get(path)).status).toBe(404);
    expect((await bobApi.delete(path)).status).toBe(404);
    expect((await bobApi.delete(`${path}/replacement`)).status).toBe(404);
    const after = await viewOf(expense.id);
    expect({ ...after, original: undefined, thumbnail: undefined }).toEqual({ ...before, original: undefined, thumbnail: undefined });
    expect(await keysOf(expense.id)).toEqual([key, `${key}.thumb.webp`]);
  });

  it("needs a token", async () => {
    const expense = await newExpense();
    const anonymous = apiAs(null);
    expect((await anonymous.get(`/api/expenses/${expense.id}/receipt`)).status).toBe(401);
    expect((await anonymous.post(`/api/expenses/${expense.id}/receipt`, { contentType: "image/png", size: 1 })).status).toBe(401);
  });
});
