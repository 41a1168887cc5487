/**
 * One simulated user of the chaos benchmark: a loop of create (Idempotency-Key, retried with it), list, edit,
 * delete, summary, receipt upload and export, with what the server acknowledged kept so it can be checked
 * afterwards (bench/chaos-verify.ts). Every create carries a marker in its description, so a duplicate of a
 * retried create is found whatever id it got.
 */
import { randomUUID } from "node:crypto";
import { ExpenseSchema, ReceiptUploadSchema } from "../lib/schemas";
import type { createClient } from "./chaos-client";

export type TrackedExpense = {
  id: string;
  marker: string;
  version: number;
  /** Descriptions the expense may end with: the last acknowledged one, and edits sent but not acknowledged since. */
  descriptions: Set<string>;
  deleted: "no" | "acknowledged" | "maybe";
  receipt?: "uploaded" | "granted";
};

export type SimulatedUser = {
  index: number;
  userId: string;
  token: string;
  expenses: TrackedExpense[];
  /** Creates never acknowledged: they may exist (complete) or not, never half. */
  unacknowledged: string[];
  /** Markers of acknowledged creates. */
  acknowledged: string[];
  created: number;
};

type Client = ReturnType<typeof createClient>;

const CATEGORIES = ["Food", "Travel", "Rent", "Health"] as const;
const CURRENCIES = [
  ["EUR", (n: number) => `${(n % 5000) / 100 + 1}`],
  ["JPY", (n: number) => `${(n % 9000) + 100}`],
  ["KWD", (n: number) => `${((n % 90000) + 1000) / 1000}`],
] as const;

const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];
const live = (user: SimulatedUser) => user.expenses.filter((e) => e.deleted === "no");

export const markerOf = (description: string): string | undefined => /^chaos:(\S+)/.exec(description)?.[1];

function auth(user: SimulatedUser, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${user.token}`, ...extra };
}

async function create(client: Client, user: SimulatedUser): Promise<void> {
  const n = user.created++;
  const marker = `${user.index}-${n}`;
  const [currency, amount] = pick(CURRENCIES) ?? CURRENCIES[0];
  const body = {
    date: `2025-${String((n % 12) + 1).padStart(2, "0")}-${String((n % 28) + 1).padStart(2, "0")}`,
    amount: amount(n * 7919 + user.index),
    currency,
    category: pick(CATEGORIES) ?? "Food",
    description: `chaos:${marker}`,
  };
  const init = { method: "POST", headers: auth(user, { "content-type": "application/json", "idempotency-key": randomUUID() }), body: JSON.stringify(body) };
  const { answer } = await client.withRetries("create", "/api/expenses", init);
  const parsed = answer?.status === 201 ? ExpenseSchema.safeParse(JSON.parse(answer.text)) : undefined;
  if (!parsed?.success) {
    user.unacknowledged.push(marker);
    return;
  }
  user.acknowledged.push(marker);
  user.expenses.push({ id: parsed.data.id, marker, version: parsed.data.version, descriptions: new Set([body.description]), deleted: "no" });
}

async function edit(client: Client, user: SimulatedUser): Promise<void> {
  const target = pick(live(user));
  if (!target) return create(client, user);
  const description = `chaos:${target.marker} edit ${randomUUID().slice(0, 8)}`;
  const init = { method: "PATCH", headers: auth(user, { "content-type": "application/json", "if-match": `"${target.version}"` }), body: JSON.stringify({ description }) };
  target.descriptions.add(description);
  const { answer } = await client.withRetries("edit", `/api/expenses/${target.id}`, init);
  if (answer?.status === 200) {
    const parsed = ExpenseSchema.safeParse(JSON.parse(answer.text));
    if (parsed.success) {
      target.version = parsed.data.version;
      target.descriptions = new Set([description]);
    }
  } else if (answer?.status === 412) {
    // Someone (a retried attempt of ours) changed it: read the current version, as the UI would.
    const current = await client.withRetries("get", `/api/expenses/${target.id}`, { headers: auth(user) });
    const parsed = current.answer?.status === 200 ? ExpenseSchema.safeParse(JSON.parse(current.answer.text)) : undefined;
    if (parsed?.success) {
      target.version = parsed.data.version;
      target.descriptions = new Set([parsed.data.description]);
    }
  }
}

async function remove(client: Client, user: SimulatedUser): Promise<void> {
  const target = pick(live(user));
  if (!target) return;
  const { answer, retried } = await client.withRetries("delete", `/api/expenses/${target.id}`, { method: "DELETE", headers: auth(user) });
  // A 404 after a retry: the first attempt did it.
  if (answer?.status === 204 || (answer?.status === 404 && retried)) target.deleted = "acknowledged";
  else target.deleted = "maybe";
}

async function uploadReceipt(client: Client, user: SimulatedUser, photo: Buffer): Promise<void> {
  const target = pick(live(user).filter((e) => e.receipt === undefined));
  if (!target) return;
  const init = { method: "POST", headers: auth(user, { "content-type": "application/json" }), body: JSON.stringify({ contentType: "image/jpeg", size: photo.length }) };
  const { answer } = await client.withRetries("receipt grant", `/api/expenses/${target.id}/receipt`, init);
  const grant = answer?.status === 201 ? ReceiptUploadSchema.safeParse(JSON.parse(answer.text)) : undefined;
  if (!grant?.success) return;
  target.receipt = "granted";
  // What the browser does with the grant: a multipart POST to S3, the grant's fields first, the file last.
  const form = new FormData();
  for (const [name, value] of Object.entries(grant.data.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(photo)]), "receipt.jpg");
  const result = await client.once("receipt upload (S3)", grant.data.url, { method: "POST", body: form });
  if (typeof result === "object" && result.status === 204) target.receipt = "uploaded";
}

/** One user's session until `until` (epoch ms): operations one after another, a short pause between them. */
export async function runUser(client: Client, user: SimulatedUser, until: number, photo: Buffer): Promise<void> {
  const year = "from=2025-01-01&to=2025-12-31";
  while (Date.now() < until) {
    const roll = Math.random();
    if (roll < 0.34) await create(client, user);
    else if (roll < 0.52) await client.withRetries("list", "/api/expenses?limit=20", { headers: auth(user) });
    else if (roll < 0.62) await edit(client, user);
    else if (roll < 0.7) await remove(client, user);
    else if (roll < 0.84) await client.withRetries("summary", `/api/summary?${year}`, { headers: auth(user) });
    else if (roll < 0.94) await uploadReceipt(client, user, photo);
    else await client.withRetries("export", `/api/export?${year}`, { headers: auth(user) });
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 300));
  }
}
