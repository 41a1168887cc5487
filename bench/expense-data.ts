import { ulid } from "ulid";
import { DEFAULT_CATEGORIES, NewExpenseSchema, type NewExpense } from "../lib/schemas";

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = ["coffee", "lunch", "train", "groceries", "rent", "cinema", "taxi", "books", "pharmacy", "hotel", "fuel", "gym"];
const START = Date.UTC(2024, 0, 1);
const DAYS = 731;

/** Currency by category (travel abroad in JPY, streaming in USD): every size fills the same summary cells. */
const CURRENCY: Record<string, string> = { Travel: "JPY", Entertainment: "USD" };

/** The first expenses are Food in March 2025, so the "category and month" page is full (50) at every size. */
const FULL_PAGE = 60;

/**
 * `count` expenses numbered from `offset`: dates spread evenly over 2024-2025 and the nine default
 * categories, each category in one currency, so 1k expenses already touch every cell a year's summary has
 * and every size compares the same response sizes.
 */
export function expenseInputs(offset: number, count: number): { input: NewExpense; id: string; now: Date }[] {
  const next = random(offset + 1);
  return Array.from({ length: count }, (_, k) => {
    const isPageFiller = offset + k < FULL_PAGE;
    const randomDay = new Date(START + Math.floor(next() * DAYS) * 86_400_000).toISOString().slice(0, 10);
    const day = isPageFiller ? `2025-03-${String(1 + ((offset + k) % 28)).padStart(2, "0")}` : randomDay;
    const randomCategory = DEFAULT_CATEGORIES[Math.floor(next() * DEFAULT_CATEGORIES.length)] ?? "Other";
    const category = isPageFiller ? "Food" : randomCategory;
    const currency = CURRENCY[category] ?? "EUR";
    const amount = currency === "JPY" ? String(100 + Math.floor(next() * 20_000)) : `${1 + Math.floor(next() * 300)}.${String(Math.floor(next() * 100)).padStart(2, "0")}`;
    const input = NewExpenseSchema.parse({
      date: day,
      amount,
      currency,
      category,
      description: `${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]}`,
    });
    const now = new Date(`${day}T12:00:00.000Z`);
    return { input, id: ulid(now.getTime()), now };
  });
}
