import { describe, expect, it } from "vitest";
import { categorySuggestions, resolveCategory } from "./category-suggestions";

const options = ["Pets", "Food", "Transport", "Travel", "Café visits", "Other"];
const names = (typed: string | null) => categorySuggestions(options, typed).suggestions.map((s) => (s.kind === "new" ? `+${s.name}` : s.name));

describe("categorySuggestions", () => {
  it("lists every option, in order, until the person types", () => {
    expect(names(null)).toEqual(options);
    expect(names("   ")).toEqual(options);
  });

  it("finds options containing the text, those starting with it first, ignoring case and accents", () => {
    expect(names("tr")).toEqual(["Transport", "Travel", "+tr"]);
    expect(names("ort")).toEqual(["Transport", "+ort"]);
    expect(names("CAFE")).toEqual(["Café visits", "+CAFE"]);
  });

  it("puts the option the text names first, so Enter picks it over a longer one", () => {
    expect(names("food")).toEqual(["Food"]);
    expect(categorySuggestions(["Food delivery", "Food"], "food").suggestions.map((s) => s.name)).toEqual(["Food", "Food delivery"]);
  });

  it("offers the trimmed text as a new category unless it names an option already", () => {
    expect(names("  Garden  ")).toEqual(["+Garden"]);
    expect(names("pets")).toEqual(["Pets"]);
    expect(names("travel ")).toEqual(["Travel"]);
  });

  it("spells a default as the server will store it", () => {
    expect(categorySuggestions(["Pets"], "food").suggestions).toEqual([{ kind: "new", name: "Food" }]);
  });

  it("says why text cannot be a category, in the server's words, and offers nothing to create", () => {
    const long = categorySuggestions(options, "x".repeat(51));
    expect(long).toEqual({ suggestions: [], problem: "Must be at most 50 characters" });
    expect(categorySuggestions(options, "x".repeat(50)).problem).toBeNull();
    expect(categorySuggestions(options, "Pets\tand vets").problem).toBe("Must be a single line of text");
  });
});

describe("resolveCategory", () => {
  it("takes an existing option's spelling when only case and spaces differ", () => {
    expect(resolveCategory(options, "pets ")).toBe("Pets");
    expect(resolveCategory(options, "Garden")).toBe("Garden");
  });
});
