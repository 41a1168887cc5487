/**
 * Text normalisation shared by the stored `search` attribute and the `q` parameter, so matching is
 * case-insensitive and width-insensitive ("ＣＡＦＥ" finds "Cafe"): NFKC then lower case.
 */
export function normalizeSearchText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** The text `q` is matched against: description and merchant, separated so a match never spans both. */
export function searchTextOf({ description, merchant }: { description: string; merchant?: string }): string {
  return normalizeSearchText([description, merchant ?? ""].join("\n"));
}
