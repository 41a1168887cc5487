/**
 * Lighthouse (mobile defaults: Moto G emulation, simulated throttling) in a Chromium of our own with a DevTools
 * port and a profile of its own, so the signed-in pages can be scored: sign in there once with Playwright
 * (Amplify keeps its tokens in that profile's localStorage), disconnect, then let Lighthouse open its tabs in
 * the same browser.
 *
 * Lighthouse 12's storage reset clears the HTTP cache, service workers and Cache Storage but not localStorage
 * (its default `clearStorageTypes`), so each run still loads cold while the session survives; hence no
 * `--disable-storage-reset`, which would score a warm cache.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import { freePort } from "../local/free-port";

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  /** Where the page ended up: a signed-out /tracker would end on /login. */
  finalUrl: string;
  /** Evidence of what was scored: the page's API calls with their status (a 200 from /api/expenses needs a
   * session) and its element count (the signed-in tracker has hundreds, its loading state a dozen). */
  apiCalls: string[];
  domElements: number;
  /** Lighthouse 12.2's LCP-element audit fails on current Chromium traces ("frame_sequence"): then null. */
  lcpElement: string | null;
  metricsMs: { fcp: number; lcp: number; tbt: number; speedIndex: number };
  cls: number;
  unusedJsKb: number;
  /** Accessibility audits that did not pass, with the first offending element. */
  failedAccessibility: { id: string; title: string; node: string | null }[];
};

// chrome-launcher's defaults (what the lighthouse CLI starts Chrome with) that matter for a quiet measurement.
const QUIET_FLAGS = [
  "--disable-extensions",
  "--disable-component-extensions-with-background-pages",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-client-side-phishing-detection",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,AutofillServerCommunication,RenderDocument",
  "--metrics-recording-only",
  "--mute-audio",
  "--no-default-browser-check",
  "--no-first-run",
  "--disable-backgrounding-occluded-windows",
  "--disable-renderer-backgrounding",
  "--disable-background-timer-throttling",
  "--disable-ipc-flooding-protection",
  "--password-store=basic",
];

type Audit = { score: number | null; title: string; numericValue?: number; details?: unknown };

const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The first `node` in an audit's details (tables of nodes, possibly nested in a list of tables). */
function firstNode(details: unknown): string | null {
  for (const item of list(record(details).items)) {
    const node = record(record(item).node);
    if (typeof node.snippet === "string") return `${node.snippet} (${String(node.selector ?? "")})`;
    const nested = firstNode(item);
    if (nested) return nested;
  }
  return null;
}

function summarise(lhr: { finalDisplayedUrl: string; audits: Record<string, Audit>; categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }> }): LighthouseRun {
  const audit = (id: string): Audit => lhr.audits[id] ?? { score: null, title: id };
  const ms = (id: string) => Math.round(audit(id).numericValue ?? Number.NaN);
  const a11y = lhr.categories.accessibility;
  return {
    performance: lhr.categories.performance?.score ?? 0,
    accessibility: a11y?.score ?? 0,
    finalUrl: lhr.finalDisplayedUrl,
    apiCalls: list(record(audit("network-requests").details).items)
      .map(record)
      .filter((item) => typeof item.url === "string" && new URL(item.url).pathname.startsWith("/api/"))
      .map((item) => `${new URL(String(item.url)).pathname} ${String(item.statusCode)}`),
    domElements: audit("dom-size").numericValue ?? 0,
    lcpElement: firstNode(audit("largest-contentful-paint-element").details),
    metricsMs: { fcp: ms("first-contentful-paint"), lcp: ms("largest-contentful-paint"), tbt: ms("total-blocking-time"), speedIndex: ms("speed-index") },
    cls: Math.round((audit("cumulative-layout-shift").numericValue ?? Number.NaN) * 1000) / 1000,
    unusedJsKb: Math.round(Number(record(audit("unused-javascript").details).overallSavingsBytes ?? 0) / 1024),
    failedAccessibility: (a11y?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audit(ref.id).score ?? 1) < 1)
      .map((ref) => ({ id: ref.id, title: audit(ref.id).title, node: firstNode(audit(ref.id).details) })),
  };
}

async function waitForDevTools(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`Chromium's DevTools port ${port} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type ScoringBrowser = {
  /** Signs in on `${base}/login` in this browser's profile and waits for the tracker's first row. */
  signIn(base: string, user: { email: string; password: string }): Promise<void>;
  /** One Lighthouse run (performance + accessibility) of `url` in a new tab of this browser; the full report
   * goes to `reportFile` when given (to find out why a score is low). */
  score(url: string, reportFile?: string): Promise<LighthouseRun>;
  close(): Promise<void>;
};

export async function startScoringBrowser(chromePath: string | undefined): Promise<ScoringBrowser> {
  if (!chromePath) throw new Error("Lighthouse needs Chromium: set CHROME_PATH or install /usr/bin/chromium");
  const port = await freePort();
  const profile = await mkdtemp(join(tmpdir(), "lighthouse-profile-"));
  const args = [...QUIET_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "--headless=new", "--no-sandbox", "--disable-gpu", "about:blank"];
  const browser: ChildProcess = spawn(chromePath, args, { stdio: "ignore" });
  const exited = new Promise((resolve) => browser.once("exit", resolve));
  await waitForDevTools(port);
  return {
    async signIn(base, user) {
      // Connected over CDP, Playwright's close() only disconnects: the browser and its profile stay.
      const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      try {
        const context = cdp.contexts()[0];
        if (!context) throw new Error("no default browser context");
        const page = await context.newPage();
        await page.goto(`${base}/login`);
        await page.getByLabel("Email").fill(user.email);
        await page.getByLabel("Password").fill(user.password);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.getByTestId("expense-row").first().waitFor({ timeout: 60_000 });
        await page.close();
      } finally {
        await cdp.close();
      }
    },
    async score(url, reportFile) {
      const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      if (reportFile) await writeFile(reportFile, result.report as string);
      return summarise(result.lhr as unknown as Parameters<typeof summarise>[0]);
    },
    async close() {
      browser.kill("SIGTERM");
      await exited;
      await rm(profile, { recursive: true, force: true });
    },
  };
}
