import { describe, expect, it } from "vitest";
import { DEFAULT_CATEGORIES } from "@/lib/schemas";
import { categoryOptions } from "./category-options";

let clock = 0;
/** An expense in `category` written one minute after the previous one built here. */
const used = (category: string) => {
  clock += 1;
  return { category, updatedAt: new Date(Date.UTC(2026, 2, 14, 9, clock)).toISOString() };
};

describe("categoryOptions", () => {
  it("offers the defaults in their own order when nothing was used yet", () => {
    expect(categoryOptions([])).toEqual([...DEFAULT_CATEGORIES]);
  });

  it("leads with the most recently written categories, then the other defaults, then the user's own A–Z", () => {
    const items = [used("Zoo"), used("Pets"), used("Food"), used("Allotment"), used("Pets")];
    const options = categoryOptions(items, [], 2);
    expect(options.slice(0, 2)).toEqual(["Pets", "Allotment"]);
    expect(options.slice(2, 2 + DEFAULT_CATEGORIES.length)).toEqual([...DEFAULT_CATEGORIES]);
    expect(options.slice(2 + DEFAULT_CATEGORIES.length)).toEqual(["Zoo"]);
  });

  it("orders by when an expense was written, not by the order it was listed in", () => {
    const older = used("Garden");
    const newer = used("Pets");
    expect(categoryOptions([older, newer]).slice(0, 2)).toEqual(["Pets", "Garden"]);
  });

  it("lists a recent default once, among the recent ones", () => {
    const options = categoryOptions([used("Travel")]);
    expect(options[0]).toBe("Travel");
    expect(options.filter((name) => name === "Travel")).toHaveLength(1);
    expect(options).toHaveLength(DEFAULT_CATEGORIES.length);
  });

  it("treats names that differ in case as one, spelled as last used, and defaults as they are spelled", () => {
    const options = categoryOptions([used("pets"), used("PETS"), used("Pets")], ["food", "BOOKS", "books"]);
    expect(options.filter((name) => name.toLowerCase() === "pets")).toEqual(["Pets"]);
    expect(options).toContain("Food");
    expect(options).not.toContain("food");
    expect(options.filter((name) => name.toLowerCase() === "books")).toEqual(["BOOKS"]);
  });

  it("adds names known from elsewhere (budgets, a filter) after the defaults, never as recent", () => {
    const options = categoryOptions([used("Pets")], ["Hobbies"]);
    expect(options[0]).toBe("Pets");
    expect(options.at(-1)).toBe("Hobbies");
  });
});
