import AxeBuilder from "@axe-core/playwright";
import { addExpense, expenseRows, openAddForm, signUp } from "./actions";
import { presetDates } from "./dates";
import { expect, test } from "./fixtures";
import { DEFAULT_CATEGORIES } from "../lib/schemas";

const { thisMonth } = presetDates();

test("a category typed in the picker is created, offered first after a reload, and filters the list", async ({ page, newUser }) => {
  await signUp(page, newUser);
  const form = await openAddForm(page);
  const category = form.getByRole("combobox", { name: "Category", exact: true });
  const options = form.getByRole("listbox", { name: "Categories" }).getByRole("option");

  // Opening the picker lists every category; typing a new name offers to create it.
  await category.click();
  await expect(options).toHaveText([...DEFAULT_CATEGORIES]);
  await category.fill("x".repeat(51));
  await expect(category).toHaveAccessibleDescription("Must be at most 50 characters");
  await expect(category).toHaveAttribute("aria-invalid", "true");
  await category.fill("Pets");
  await expect(options).toHaveText(["Create “Pets”"]);
  await options.getByText("Create “Pets”").click();
  await expect(category).toHaveValue("Pets");
  await expect(category).toHaveAttribute("aria-expanded", "false");
  await expect(category).not.toHaveAttribute("aria-invalid");

  await form.getByLabel("Date").fill(thisMonth);
  await form.getByLabel("Amount").fill("23.90");
  await form.getByLabel("Description").fill("Cat food");
  await form.getByRole("button", { name: "Add expense" }).click();
  await expect(expenseRows(page).filter({ hasText: "Cat food" })).toContainText("Pets");
  await addExpense(page, { date: thisMonth, amount: "4.20", currency: "EUR", category: "Food", description: "Flat white" });

  await page.reload();
  const again = await openAddForm(page);
  const picker = again.getByRole("combobox", { name: "Category", exact: true });
  const offered = again.getByRole("listbox", { name: "Categories" }).getByRole("option");
  await picker.click();
  // The most recently written first, then the rest of the defaults.
  await expect(offered).toHaveText(["Food", "Pets", ...DEFAULT_CATEGORIES.filter((name) => name !== "Food")]);
  await page.keyboard.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");

  // With the keyboard: "pe" finds Pets (no second, differently spelled category), Enter picks it.
  await picker.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("pe");
  await expect(offered).toHaveText(["Pets", "Create “pe”"]);
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue("Pets");
  await again.getByLabel("Amount").fill("60.00");
  await again.getByLabel("Description").fill("Vet visit");
  await again.getByLabel("Description").press("Enter");
  await expect(expenseRows(page).filter({ hasText: "Vet visit" })).toContainText("Pets");

  await page.getByLabel("Filter by category").selectOption("Pets");
  await expect(page).toHaveURL(/category=Pets/);
  await expect(expenseRows(page)).toHaveCount(2);
  await expect(expenseRows(page).filter({ hasText: "Flat white" })).toHaveCount(0);
  // Filtered to Pets, the picker still offers every category the user has used.
  await picker.click();
  await expect(offered.first()).toHaveText("Pets");
  await expect(offered.filter({ hasText: "Food" })).toHaveCount(1);
});

test("the open category picker has no serious accessibility violations, in light and dark", async ({ page, newUser }) => {
  await signUp(page, newUser);
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => localStorage.setItem("theme", t), theme);
    await page.reload();
    const category = (await openAddForm(page)).getByRole("combobox", { name: "Category", exact: true });
    await category.click();
    await page.keyboard.press("ArrowDown");
    await expect(category).toHaveAttribute("aria-activedescendant", /option/);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${theme} ${v.id}: ${v.help}`)).toEqual([]);
    await category.fill("A name far too long for a category, over fifty letters");
    await expect(category).toHaveAttribute("aria-invalid", "true");
    const invalid = await new AxeBuilder({ page }).analyze();
    expect(invalid.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${theme} ${v.id}: ${v.help}`)).toEqual([]);
  }
});
