import { z } from "zod";

const CountedSchema = z.object({ items: z.array(z.unknown()).optional(), totals: z.array(z.unknown()).optional() });

/** How many expenses (list) or rows (summary) one response carries: the work differs with it. A single expense counts 1. */
export async function itemsReturned(url: string, token: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = CountedSchema.parse(await response.json());
  return (body.items ?? body.totals ?? [undefined]).length;
}
