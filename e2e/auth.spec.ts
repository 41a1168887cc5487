import AxeBuilder from "@axe-core/playwright";
import { signIn, signOut, signUp, storedAccessToken } from "./actions";
import { expect, test } from "./fixtures";

test("a new account lands on the tracker, and sign out returns to the login page", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await expect(page.getByRole("heading", { name: "No expenses yet" })).toBeVisible();
  await signOut(page);
  await page.goto("/tracker");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password shows a message a person understands", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await signOut(page);
  await page.getByLabel("Email").fill(newUser.email);
  await page.getByLabel("Password").fill("Wrong-passw0rd!");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/login$/);
});

test("signed-out visitors of /tracker go to /login, signed-in visitors of /login go to /tracker", async ({ page, newUser }) => {
  await page.goto("/tracker");
  await expect(page).toHaveURL(/\/login$/);
  await signUp(page, newUser);
  await page.goto("/login");
  await expect(page).toHaveURL(/\/tracker$/);
});

test("the session survives a reload after the access token expired", async ({ page, newUser, stack }) => {
  await signUp(page, newUser);
  const first = await storedAccessToken(page);
  expect(first).toBeTruthy();
  await page.waitForTimeout((stack.accessTokenValiditySeconds + 2) * 1000);
  await page.reload();
  await expect(page.getByText(`Signed in as ${newUser.email}`)).toBeVisible();
  expect(await storedAccessToken(page)).not.toBe(first);
});

test("forgot password: the emailed code sets a new password", async ({ page, newUser, stack }) => {
  await signUp(page, newUser);
  await signOut(page);
  await page.getByRole("button", { name: "Forgot password?" }).click();
  await page.getByLabel("Email").fill(newUser.email);
  await page.getByRole("button", { name: "Send reset code" }).click();
  await expect(page.getByLabel("Code")).toBeVisible();
  const res = await page.request.get(`${stack.cognitoEndpoint}/_local/codes/${encodeURIComponent(newUser.email)}`);
  const { code } = (await res.json()) as { code: string };
  await page.getByLabel("Code").fill(code);
  await page.getByLabel("New password").fill("N3w-Password!");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/tracker$/);
  await signOut(page);
  await signIn(page, { ...newUser, password: "N3w-Password!" });
});

test("the login page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the login form works with the keyboard alone", async ({ page, newUser }) => {
  await signUp(page, newUser);
  await signOut(page);
  await page.getByLabel("Email").focus();
  await page.keyboard.type(newUser.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(newUser.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tracker$/);
});
