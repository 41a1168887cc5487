import { GetObjectTaggingCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { expenseBody } from "@/lib/expenses/test-support";
import { renderReceipt } from "@/lib/receipts/scan/render-receipt";
import { SAMPLE_RECEIPTS } from "@/lib/receipts/scan/sample-receipts";
import { uploadWithGrant } from "@/lib/receipts/test-files";
import { localBucket } from "@/local/test-stack";
import type { ExpenseJson, Problem, Scan, ScanStart } from "@/lib/schemas";
import type { TestUser } from "@/local/test-users";
import { aliceAndBob, apiAs, type Api } from "../expenses/test-client";

let s3: S3Client;
let bucket: string;
let alice: TestUser;
let aliceApi: Api;
let bobApi: Api;

beforeAll(async () => {
  ({ s3, bucket } = localBucket());
  ({ alice, aliceApi, bobApi } = await aliceAndBob());
});

const SAMPLE = SAMPLE_RECEIPTS.find((s) => s.name === "US grocery with sales tax");
const TODAY = "2025-06-30";

async function startScan(file: Buffer, contentType = "image/jpeg", api: Api = aliceApi): Promise<ScanStart> {
  const res = await api.post<ScanStart>("/api/scans", { contentType, size: file.length, today: TODAY, currency: "EUR" });
  expect(res.status).toBe(201);
  return res.body;
}

async function upload(start: ScanStart, file: Buffer): Promise<void> {
  expect((await uploadWithGrant(start.upload, file)).status).toBe(204);
}

/** The scan once the receipt function has checked and read its photo (the local runner delivers S3's event). */
async function read(id: string): Promise<Scan> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await aliceApi.get<Scan>(`/api/scans/${id}`);
    expect(res.status).toBe(200);
    if (res.body.scan.status !== "pending") return res.body;
    if (Date.now() > deadline) throw new Error(`scan ${id} still pending`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function keysOf(id: string): Promise<string[]> {
  const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `receipts/${alice.userId}/${id}/` }));
  return (Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])).sort();
}

async function tagsOf(key: string): Promise<Record<string, string>> {
  const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
  return Object.fromEntries((TagSet ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

describe("scanning a receipt", () => {
  it("reads a photographed receipt's total, currency, date and merchant; saving keeps the photo as the expense's receipt", async () => {
    if (!SAMPLE) throw new Error("sample receipt missing");
    const photo = await renderReceipt(SAMPLE.lines, SAMPLE.options);
    const start = await startScan(photo);
    expect((await aliceApi.get<Scan>(`/api/scans/${start.id}`)).body).toMatchObject({ id: start.id, receipt: { status: "pending" }, scan: { status: "pending" } });
    await upload(start, photo);

    const scan = await read(start.id);
    expect(scan.receipt).toMatchObject({ status: "ready", contentType: "image/jpeg", hasThumbnail: true });
    expect(scan.scan).toMatchObject({
      status: "done",
      result: { amount: { value: "17.60" }, currency: { value: "USD" }, date: { value: "2025-03-14" }, merchant: { value: "GREEN VALLEY MARKET" } },
    });
    // Until it is saved the photo (and its thumbnail) carries the tag the bucket's lifecycle rule expires.
    const keys = await keysOf(start.id);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await tagsOf(key)).toEqual({ "ledgerline-receipt": "unsaved-scan" });

    const saved = await aliceApi.post<ExpenseJson>("/api/expenses", expenseBody({ amount: "17.60", currency: "USD", date: "2025-03-14", merchant: "Green Valley Market", scanId: start.id }));
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ id: start.id, amount: "17.60", currency: "USD", receipt: { status: "ready", hasThumbnail: true } });
    expect((await aliceApi.get<ExpenseJson>(`/api/expenses/${start.id}`)).body.receipt).toMatchObject({ status: "ready" });
    expect((await aliceApi.get(`/api/expenses/${start.id}/receipt`)).status).toBe(200);
    for (const key of await keysOf(start.id)) expect(await tagsOf(key)).toEqual({});
    // The scan is gone: it became the expense.
    expect((await aliceApi.get(`/api/scans/${start.id}`)).status).toBe(404);
    const again = await aliceApi.post<Problem>("/api/expenses", expenseBody({ scanId: start.id }));
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: "scanId" })]);
  });

  it("an expense saved before its photo arrives gets the checked photo as its receipt", async () => {
    const photo = await renderReceipt([{ text: "QUICK STOP", size: 30 }, { left: "TOTAL", right: "€4.20" }, { text: "01.06.2025" }], { rotate: 1 });
    const start = await startScan(photo);
    const saved = await aliceApi.post<ExpenseJson>("/api/expenses", expenseBody({ amount: "4.20", scanId: start.id }));
    expect(saved.status).toBe(201);
    expect(saved.body.receipt?.status).toBe("pending");
    await upload(start, photo);
    const deadline = Date.now() + 60_000;
    let receipt = saved.body.receipt;
    while (receipt?.status === "pending" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      receipt = (await aliceApi.get<ExpenseJson>(`/api/expenses/${start.id}`)).body.receipt;
    }
    expect(receipt).toMatchObject({ status: "ready", hasThumbnail: true });
    // Written back for an expense, not a scan: nothing will expire it.
    for (const key of await keysOf(start.id)) expect(await tagsOf(key)).toEqual({});
  });

  it("a file that is not an image fails the scan with the receipt's reason, and nothing is kept", async () => {
    const text = Buffer.from("this is not a photo of a receipt\n".repeat(20));
    const start = await startScan(text, "image/png");
    await upload(start, text);
    const scan = await read(start.id);
    expect(scan.receipt.status).toBe("rejected");
    expect(scan.scan).toEqual({ status: "failed", reason: expect.stringMatching(/text, not an image/i) });
    expect(await keysOf(start.id)).toEqual([]);
  });

  it("a discarded scan is gone with its photo", async () => {
    const photo = await renderReceipt([{ text: "CORNER SHOP", size: 30 }, { left: "TOTAL", right: "€2.00" }], {});
    const start = await startScan(photo);
    await upload(start, photo);
    await read(start.id);
    expect((await aliceApi.delete(`/api/scans/${start.id}`)).status).toBe(204);
    expect((await aliceApi.get(`/api/scans/${start.id}`)).status).toBe(404);
    expect(await keysOf(start.id)).toEqual([]);
    expect((await aliceApi.delete(`/api/scans/${start.id}`)).status).toBe(404);
  });

  it("refuses a scan without the form's day and currency, naming the fields", async () => {
    const res = await aliceApi.post<Problem>("/api/scans", { contentType: "image/jpeg", size: 1000 });
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path).sort()).toEqual(["currency", "today"]);
  });
});

describe("another user's scan", () => {
  it("cannot be read, discarded or saved as an expense, and Alice's scan is unchanged", async () => {
    const photo = await renderReceipt([{ text: "PRIVATE SHOP", size: 30 }, { left: "TOTAL", right: "€9.99" }], {});
    const start = await startScan(photo);
    await upload(start, photo);
    const before = await read(start.id);
    expect((await bobApi.get(`/api/scans/${start.id}`)).status).toBe(404);
    expect((await bobApi.delete(`/api/scans/${start.id}`)).status).toBe(404);
    const stolen = await bobApi.post<Problem>("/api/expenses", expenseBody({ scanId: start.id }));
    expect(stolen.status).toBe(422);
    expect(stolen.body.errors).toEqual([expect.objectContaining({ path: "scanId" })]);
    expect((await aliceApi.get<Scan>(`/api/scans/${start.id}`)).body).toEqual(before);
    expect(await keysOf(start.id)).toHaveLength(2);
  });

  it("needs a token", async () => {
    expect((await apiAs(null).post("/api/scans", { contentType: "image/jpeg", size: 10, today: TODAY, currency: "EUR" })).status).toBe(401);
  });
});
