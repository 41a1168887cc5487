import { readFile } from "node:fs/promises";
import { addExpense, expenseRows, openEditForm, signUp, submitExpense } from "./actions";
import { presetDates } from "./dates";
import { expect, test } from "./fixtures";

const { thisMonth, lastMonth } = presetDates();

/** Three expenses in two currencies, named after the test so parallel specs never share data. */
function sample(tag: string) {
  return {
    lunch: { date: thisMonth, amount: "12.50", currency: "EUR", category: "Food", description: `Lunch ${tag}`, merchant: "Café Blum" },
    train: { date: thisMonth, amount: "1200", currency: "JPY", category: "Travel", description: `Train ${tag}` },
    shoes: { date: lastMonth, amount: "30.00", currency: "EUR", category: "Shopping", description: `Shoes ${tag}`, merchant: "Shoe Shop" },
  };
}

test("filters by preset, category and search live in the URL; totals follow; Back restores them", async ({ page, newUser }, testInfo) => {
  await signUp(page, newUser);
  const tag = testInfo.testId.slice(0, 6);
  const { lunch, train, shoes } = sample(tag);
  await addExpense(page, lunch);
  await addExpense(page, train);
  await addExpense(page, shoes);

  const total = page.getByTestId("filter-total");
  await expect(total).toHaveText("€42.50 · JP¥1,200");
  // Grouped by day, with each day's total.
  await expect(page.getByRole("region", { name: "Your expenses" }).getByRole("heading", { level: 3 }).first()).toContainText("€12.50 · JP¥1,200");

  await page.getByLabel("Period").selectOption("This month");
  await expect(page).toHaveURL(/period=this-month/);
  await expect(expenseRows(page)).toHaveCount(2);
  await expect(total).toHaveText("€12.50 · JP¥1,200");

  await page.getByLabel("Filter by category").selectOption("Food");
  await expect(page).toHaveURL(/period=this-month&category=Food/);
  await expect(expenseRows(page)).toHaveCount(1);
  await expect(total).toHaveText("€12.50");
  await testInfo.attach("tracker-filtered", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

  await page.goBack();
  await expect(page).not.toHaveURL(/category=/);
  await expect(expenseRows(page)).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(/\/tracker$/);
  await expect(expenseRows(page)).toHaveCount(3);

  await page.getByLabel("Search").fill("shoe");
  await expect(page).toHaveURL(/q=shoe/);
  await expect(expenseRows(page)).toHaveCount(1);
  await expect(total).toHaveText("€30.00");
  await expect(page.getByText(/Sum of the 1 loaded row matching/)).toBeVisible();

  // A shared link opens the same view.
  await page.goto(`/tracker?period=last-month&category=Shopping`);
  await expect(expenseRows(page)).toHaveCount(1);
  await expect(expenseRows(page).first()).toContainText(shoes.description);
  await expect(page.getByLabel("Period")).toHaveValue("Last month");
});

test("Download CSV exports exactly the rows the filters show", async ({ page, newUser }, testInfo) => {
  await signUp(page, newUser);
  const tag = testInfo.testId.slice(0, 6);
  const { lunch, train, shoes } = sample(tag);
  await addExpense(page, lunch);
  await addExpense(page, train);
  await addExpense(page, shoes);

  const download = async () => {
    const event = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await event;
    expect(file.suggestedFilename()).toMatch(/^expenses.*\.csv$/);
    const text = (await readFile(await file.path(), "utf8")).replace(/^\uFEFF/, "");
    return text.trim().split("\r\n");
  };

  const all = await download();
  expect(all[0]).toBe("date,amount,currency,category,merchant,description,tags,receipt,id");
  expect(all).toHaveLength(4);

  await page.getByLabel("Period").selectOption("This month");
  await page.getByLabel("Filter by category").selectOption("Food");
  await expect(expenseRows(page)).toHaveCount(1);
  const food = await download();
  expect(food).toHaveLength(2);
  expect(food[1]).toContain(`${thisMonth},12.50,EUR,Food,Café Blum,Lunch ${tag}`);
});

test("an edit and a delete with Undo update the totals", async ({ page, newUser }, testInfo) => {
  await signUp(page, newUser);
  const tag = testInfo.testId.slice(0, 6);
  const { lunch, shoes } = sample(tag);
  await addExpense(page, lunch);
  await addExpense(page, shoes);
  const total = page.getByTestId("filter-total");
  await expect(total).toHaveText("€42.50");

  const form = await openEditForm(page, lunch.description);
  await form.getByLabel("Amount").fill("20.00");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(expenseRows(page).filter({ hasText: lunch.description })).toContainText("€20.00");
  await expect(total).toHaveText("€50.00");

  await expenseRows(page).filter({ hasText: shoes.description }).getByRole("button", { name: `Delete ${shoes.description}` }).click();
  await expect(expenseRows(page)).toHaveCount(1);
  await page.getByRole("button", { name: /^Undo/ }).click();
  await expect(expenseRows(page)).toHaveCount(2);
  await expenseRows(page).filter({ hasText: shoes.description }).getByRole("button", { name: `Delete ${shoes.description}` }).click();
  await expect(page.getByText(`Deleted ${shoes.description}.`)).toBeHidden();
  await expect(total).toHaveText("€20.00");
});

test("a wrong amount is flagged before any request is sent", async ({ page, newUser }) => {
  await signUp(page, newUser);
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/expenses")) posts += 1;
  });
  await submitExpense(page, { date: thisMonth, amount: "1.234", currency: "EUR", category: "Food", description: "Too precise" });
  const amount = page.getByRole("region", { name: "Add an expense" }).getByLabel("Amount");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription("EUR allows at most 2 decimals");
  expect(posts).toBe(0);
});

test("the empty tracker invites the first expense, and filtered to nothing offers to clear", async ({ page, newUser }, testInfo) => {
  await signUp(page, newUser);
  await expect(page.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
  await testInfo.attach("tracker-empty", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await page.goto("/tracker?q=nothing-like-this");
  await expect(page.getByRole("heading", { name: "No expenses match these filters" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/tracker$/);
  await expect(page.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
});

test("on a 360 px phone no page scrolls sideways", async ({ page, newUser, isMobile }) => {
  test.skip(!isMobile, "the narrowest phone width");
  await page.setViewportSize({ width: 360, height: 780 });
  await signUp(page, newUser);
  await addExpense(page, { date: presetDates().thisMonth, amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam", merchant: "Café Blum" });
  for (const path of ["/tracker", "/insights", "/import", "/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} is ${overflow} px wider than the screen`).toBe(0);
  }
});
