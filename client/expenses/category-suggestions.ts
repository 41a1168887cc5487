import { CategorySchema } from "@/lib/schemas";
import { sentence } from "@/client/api/field-errors";

export type CategorySuggestion = { kind: "existing"; name: string } | { kind: "new"; name: string };

export type CategorySuggestions = {
  suggestions: CategorySuggestion[];
  /** Why the typed text cannot be a category (the server's own words), or null. */
  problem: string | null;
};

/** Case and accents aside: "cafe" finds "Café". */
const folded = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The option spelled like `text` apart from case and surrounding spaces, if there is one. */
function existing(options: readonly string[], text: string): string | undefined {
  const key = text.trim().toLowerCase();
  return options.find((option) => option.toLowerCase() === key);
}

/**
 * What the picker lists for the typed text (null: the person has not typed since opening it, so every option):
 * the options containing it — the one it names first, then those starting with it — then, unless it names an
 * option already, the text as a new category, checked with the server's CategorySchema. The first suggestion
 * is the one Enter picks.
 */
export function categorySuggestions(options: readonly string[], typed: string | null): CategorySuggestions {
  const query = folded((typed ?? "").trim());
  const all = options.map((name): CategorySuggestion => ({ kind: "existing", name }));
  if (typed === null || !query) return { suggestions: all, problem: null };

  const rank = (name: string) => (folded(name) === query ? 0 : folded(name).startsWith(query) ? 1 : folded(name).includes(query) ? 2 : 3);
  const matches = all.filter(({ name }) => rank(name) < 3).sort((a, b) => rank(a.name) - rank(b.name));
  if (existing(options, typed)) return { suggestions: matches, problem: null };

  const parsed = CategorySchema.safeParse(typed);
  if (!parsed.success) return { suggestions: matches, problem: sentence(parsed.error.issues[0]?.message ?? "is not a valid category") };
  return { suggestions: [...matches, { kind: "new", name: parsed.data }], problem: null };
}

/** The typed text as it will be saved: an existing option's spelling when only case differs ("pets" -> "Pets"). */
export function resolveCategory(options: readonly string[], typed: string): string {
  return existing(options, typed) ?? typed;
}
