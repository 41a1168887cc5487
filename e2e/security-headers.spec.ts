import type { Page } from "@playwright/test";
import { addExpense, attachReceipt, receiptPng, signUp } from "./actions";
import { presetDates } from "./dates";
import { expect, test } from "./fixtures";

/** The production server's headers as a browser receives them: a nonce CSP on pages, a locked one elsewhere. */
const PAGES = ["/", "/login", "/tracker", "/insights", "/import", "/settings", "/no-such-page"];
const LOCKED_DOWN = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((part) => part.trim().split(/\s+/)).flatMap(([name, ...values]) => (name ? [[name, values]] : [])));
}

function expectBaseHeaders(headers: Record<string, string>, where: string) {
  expect.soft(headers["x-content-type-options"], where).toBe("nosniff");
  expect.soft(headers["x-frame-options"], where).toBe("DENY");
  expect.soft(headers["strict-transport-security"], where).toContain("max-age=");
  expect.soft(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
}

test.describe("security headers", () => {
  test.skip(({ isMobile }) => isMobile, "headers do not depend on the device");

  test("every page has a per-request script nonce and names only this stack's origins", async ({ request, stack }) => {
    for (const path of PAGES) {
      const [first, second] = [await request.get(path), await request.get(path)];
      const headers = first.headers();
      expectBaseHeaders(headers, path);
      const csp = headers["content-security-policy"] ?? "";
      const policy = directives(csp);
      const scriptSrc = policy.get("script-src") ?? [];
      const nonce = scriptSrc.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, `${path}: ${csp}`).toBeTruthy();
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      expect(second.headers()["content-security-policy"], `${path}: the nonce is new each time`).not.toBe(csp);
      for (const name of ["connect-src", "img-src"]) {
        const sources = policy.get(name) ?? [];
        expect(sources.filter((source) => source.includes("*")), `${path} ${name}`).toEqual([]);
      }
      expect(policy.get("connect-src"), path).toContain(new URL(stack.cognitoEndpoint).origin);
      expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
      // Every script the page ships carries the nonce, or the browser would refuse it.
      const html = await first.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)), path).toEqual([]);
    }
  });

  test("every API route and static file answers with a policy that allows nothing", async ({ request }) => {
    const document = (await (await request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const calls = Object.entries(document.paths).flatMap(([template, operations]) =>
      Object.keys(operations)
        .filter((method) => ["get", "post", "put", "patch", "delete"].includes(method))
        .map((method) => ({ method, path: template.replace(/\{[^}]+\}/g, "01JCSP0000000000000000TEST") })),
    );
    expect(calls.length).toBeGreaterThan(15);
    for (const { method, path } of [...calls, { method: "get", path: "/icon.svg" }, { method: "get", path: "/manifest.webmanifest" }]) {
      const res = await request.fetch(path, { method, maxRedirects: 0 });
      const where = `${method.toUpperCase()} ${path} (${res.status()})`;
      expect(res.status(), where).toBeLessThan(500);
      expectBaseHeaders(res.headers(), where);
      expect.soft(res.headers()["content-security-policy"], where).toBe(LOCKED_DOWN);
    }
  });

  test("a signed-in session with uploads and charts breaks no rule of the policy", async ({ page, newUser }) => {
    test.setTimeout(120_000);
    const violations = await watchViolations(page);
    await signUp(page, newUser);
    const { thisMonth } = presetDates();
    await addExpense(page, { date: thisMonth, amount: "12.50", currency: "EUR", category: "Food", description: "Lunch with Sam" });
    // The upload goes to the bucket (connect-src) and the thumbnail comes from it (img-src).
    const view = await attachReceipt(page, "Lunch with Sam", await receiptPng());
    await expect(view.locator("img")).toHaveJSProperty("complete", true);
    await expect.poll(() => view.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    for (const path of ["/insights", "/settings", "/import"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    expect(violations).toEqual([]);
  });
});

/** CSP violations the browser reports on any page of the session: console errors and violation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (line: string) => seen.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report: unknown = Reflect.get(window, "reportCspViolation");
      if (typeof report === "function") report(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${location.pathname}`);
    });
  });
  return seen;
}
