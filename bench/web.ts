/**
 * npm run bench -- web: the web UI against the production build (`next build` first) on the local stack, all
 * on 127.0.0.1: first-load JS (gzip -9 of the scripts each page's HTML loads) of /login, /tracker and
 * /insights; Lighthouse mobile performance and accessibility per page when the `lighthouse` CLI is installed
 * (CHROME_PATH=/usr/bin/chromium); and, for a user with 10k expenses, the time from navigation to the first
 * row of /tracker being visible. Writes bench/results/web.json and web.md.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { createDocumentClient } from "../lib/dynamo-client";
import { seedExpenses } from "../lib/expenses/seed-expenses";
import { freePort } from "../local/free-port";
import { nextCommand } from "../local/next-bin";
import { startLocalStack, TABLE_NAME } from "../local/stack";
import { createTestUser } from "../local/test-users";
import { expenseInputs } from "./expense-data";

const PAGES = ["/login", "/tracker", "/insights"] as const;
const EXPENSES = 10_000;
const RUNS = 5;
const TARGETS = { trackerFirstLoadKb: 170, performance: 0.95, accessibility: 1, listVisibleMs: 1500 };
const CHROME = process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The page's first-load JS: every <script src> in its HTML, fetched and gzipped at level 9. */
async function firstLoadJs(base: string, path: string): Promise<{ scripts: number; gzipKb: number }> {
  const html = await (await fetch(base + path)).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? ""))].filter(Boolean);
  let bytes = 0;
  for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()), { level: 9 }).length;
  return { scripts: sources.length, gzipKb: Math.round(bytes / 102.4) / 10 };
}

/** Lighthouse mobile (its defaults: Moto G emulation, simulated throttling) for one URL, or null without the CLI. */
async function lighthouse(url: string, extraHeaders?: Record<string, string>): Promise<{ performance: number; accessibility: number } | null> {
  const bin = join("node_modules", ".bin", "lighthouse");
  if (!existsSync(bin)) return null;
  const out = join(tmpdir(), `lh-${process.pid}-${Date.now()}.json`);
  const args = [url, "--quiet", "--output=json", `--output-path=${out}`, "--only-categories=performance,accessibility", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"];
  if (extraHeaders) args.push(`--extra-headers=${JSON.stringify(extraHeaders)}`);
  await promisify(execFile)(bin, args, { env: { ...process.env, ...(CHROME ? { CHROME_PATH: CHROME } : {}) }, timeout: 180_000 });
  const report = JSON.parse(await readFile(out, "utf8")) as { categories: Record<string, { score: number }> };
  await rm(out, { force: true });
  return { performance: report.categories.performance?.score ?? 0, accessibility: report.categories.accessibility?.score ?? 0 };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("run `NEXT_TELEMETRY_DISABLED=1 npx next build` first");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const stack = await startLocalStack({ appOrigins: [base] });
  const next = spawn(...nextCommand(["start", "-p", String(port), "-H", "127.0.0.1"]), {
    env: { ...process.env, ...stack.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    await waitFor(`${base}/login`);
    const bundles: Record<string, { scripts: number; gzipKb: number }> = {};
    for (const path of PAGES) bundles[path] = await firstLoadJs(base, path);
    console.log("first-load JS", bundles);

    const user = await createTestUser({ ...process.env, ...stack.env });
    const client = createDocumentClient({ endpoint: stack.dynamodb.endpoint });
    await seedExpenses({ client, tableName: TABLE_NAME }, user.userId, expenseInputs(0, EXPENSES));
    client.destroy();

    const browser = await chromium.launch({ ...(CHROME ? { executablePath: CHROME } : {}), args: ["--no-sandbox", "--disable-gpu"] });
    const listVisibleMs: number[] = [];
    try {
      const context = await browser.newContext({ baseURL: base, locale: "en-GB", timezoneId: "Europe/Berlin" });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByTestId("expense-row").first().waitFor();
      for (let i = 0; i < RUNS; i += 1) {
        const t0 = Date.now();
        await page.goto("/tracker");
        await page.getByTestId("expense-row").first().waitFor({ state: "visible" });
        listVisibleMs.push(Date.now() - t0);
      }
      await context.close();
    } finally {
      await browser.close();
    }
    listVisibleMs.sort((a, b) => a - b);
    const medianMs = listVisibleMs[Math.floor(listVisibleMs.length / 2)] ?? Number.NaN;
    console.log("list visible (ms)", listVisibleMs);

    // Lighthouse sees the signed-out pages (its own browser has no session): /tracker and /insights show
    // their loading state and redirect to /login, so these scores cover the shell, not the signed-in list.
    const scores: Record<string, { performance: number; accessibility: number } | null> = {};
    for (const path of PAGES) scores[path] = await lighthouse(base + path).catch((error: unknown) => (console.error(error), null));

    const result = { ranAt: new Date().toISOString(), expenses: EXPENSES, firstLoadJs: bundles, lighthouse: scores, listVisibleMs: { runs: listVisibleMs, median: medianMs }, targets: TARGETS };
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    const lines = [
      `# Web benchmark (${result.ranAt})`,
      "",
      "Production build (`next start`) on the local stack, 127.0.0.1. First-load JS: gzip -9 of every script the page's HTML loads.",
      "",
      "| page | first-load JS (gzip) | Lighthouse perf | Lighthouse a11y |",
      "|---|---|---|---|",
      ...PAGES.map((p) => `| ${p} | ${bundles[p]?.gzipKb} kB (${bundles[p]?.scripts} scripts) | ${scores[p]?.performance ?? "n/a"} | ${scores[p]?.accessibility ?? "n/a"} |`),
      "",
      `- /tracker first-load JS ${bundles["/tracker"]?.gzipKb} kB, target <= ${TARGETS.trackerFirstLoadKb} kB: ${met((bundles["/tracker"]?.gzipKb ?? Infinity) <= TARGETS.trackerFirstLoadKb)}`,
      `- /tracker list visible for ${EXPENSES} expenses: median ${medianMs} ms of ${RUNS} (${listVisibleMs.join(", ")}), target <= ${TARGETS.listVisibleMs} ms: ${met(medianMs <= TARGETS.listVisibleMs)}`,
      scores["/login"] ? "" : "- Lighthouse: not installed (`npm i -E -D lighthouse@12.2.3`), scores skipped.",
    ];
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/web.json", `${JSON.stringify(result, null, 2)}\n`);
    await writeFile("bench/results/web.md", `${lines.join("\n")}\n`);
    console.log(lines.join("\n"));
  } finally {
    next.kill("SIGTERM");
    await stack.stop();
  }
}

await main();
