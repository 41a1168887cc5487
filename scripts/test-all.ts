/**
 * `npm test`: every runner in turn (lint, typecheck, unit, integration, infra, build, e2e), then one line
 * "N passed, N failed" summing them all. Exits non-zero when anything failed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

type Counts = { passed: number; failed: number; names?: string[] };
type Step = { name: string; command: string[]; env?: Record<string, string>; counts: (ok: boolean) => Counts };

const RESULTS = "test-results/runners";
const only = process.argv.slice(2);

function run(command: string[], env: Record<string, string> = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const [bin, ...args] = command;
    if (!bin) return resolve(false);
    const child = spawn(bin, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code === 0));
    child.on("error", () => resolve(false));
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function num(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** A runner that produced no report still counts: as one failure. */
function fromReport(file: string, pick: (report: Record<string, unknown>) => Counts) {
  return (ok: boolean): Counts => {
    const report = readJson(file);
    if (typeof report !== "object" || report === null) return { passed: 0, failed: 1 };
    const counts = pick(report as Record<string, unknown>);
    return !ok && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
  };
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];
}

/** The failed tests of a vitest JSON report, as "file › test name", so the tail of a CI log says what failed. */
function vitestFailures(r: Record<string, unknown>): string[] {
  return records(r.testResults).flatMap((file) => {
    const name = String(file.name ?? "").replace(`${process.cwd()}/`, "");
    const tests = records(file.assertionResults)
      .filter((test) => test.status === "failed")
      .map((test) => `${name} › ${String(test.fullName ?? test.title ?? "")}`);
    // A file that failed outside any test (an import, a hook) has no failed test to name.
    if (tests.length === 0 && file.status === "failed") return [`${name} › ${String(file.message ?? "failed").split("\n")[0]}`];
    return tests;
  });
}

/** Playwright's unexpected and flaky tests, as "[project] file › title (flaky)". */
function playwrightFailures(r: Record<string, unknown>): string[] {
  const walk = (suite: Record<string, unknown>): string[] => [
    ...records(suite.specs).flatMap((spec) =>
      records(spec.tests)
        .filter((test) => test.status === "unexpected" || test.status === "flaky")
        .map((test) => `[${String(test.projectName)}] ${String(spec.file)} › ${String(spec.title)}${test.status === "flaky" ? " (flaky)" : ""}`),
    ),
    ...records(suite.suites).flatMap(walk),
  ];
  return records(r.suites).flatMap(walk);
}

const vitestCounts = (r: Record<string, unknown>): Counts => ({
  passed: num(r.numPassedTests),
  failed: num(r.numFailedTests),
  names: vitestFailures(r),
});
const single = (ok: boolean): Counts => (ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
const vitest = (name: string, extra: string[] = []): Step => ({
  name,
  command: ["npx", "vitest", "run", "--project", name, "--reporter=default", "--reporter=json", `--outputFile=${RESULTS}/${name}.json`, ...extra],
  counts: fromReport(`${RESULTS}/${name}.json`, vitestCounts),
});

const steps: Step[] = [
  { name: "lint", command: ["npx", "eslint", ".", "--max-warnings=0"], counts: single },
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"], counts: single },
  vitest("unit"),
  vitest("integration"),
  {
    name: "infra",
    command: ["npx", "tsx", "scripts/infra-check.ts", `--report=${RESULTS}/infra.json`],
    counts: fromReport(`${RESULTS}/infra.json`, (r) => ({
      passed: num(r.passed),
      failed: num(r.failed),
      names: records(r.steps).filter((step) => step.ok === false).map((step) => String(step.name)),
    })),
  },
  // The typecheck step has just run tsc over the whole project, so the build skips its own pass (next.config.ts).
  { name: "build", command: ["npx", "next", "build"], env: { NEXT_TELEMETRY_DISABLED: "1", LEDGERLINE_TYPECHECKED: "1" }, counts: single },
  {
    name: "e2e",
    command: ["npx", "playwright", "test"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${RESULTS}/e2e.json` },
    counts: fromReport(`${RESULTS}/e2e.json`, (r) => {
      const stats = (r.stats ?? {}) as Record<string, unknown>;
      // A test that passed only on its retry is not a pass: it is counted failed (and named in Playwright's report).
      return { passed: num(stats.expected), failed: num(stats.unexpected) + num(stats.flaky), names: playwrightFailures(r) };
    }),
  },
];

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const total: Counts = { passed: 0, failed: 0 };
const lines: string[] = [];
const failures: string[] = [];
const started = Date.now();
for (const step of steps.filter((s) => only.length === 0 || only.includes(s.name))) {
  const t0 = Date.now();
  console.log(`\n━━ ${step.name} ━━ ${step.command.join(" ")}`);
  const ok = await run(step.command, step.env);
  const counts = step.counts(ok);
  total.passed += counts.passed;
  total.failed += counts.failed;
  failures.push(...(counts.names ?? []).map((name) => `  ${step.name}: ${name}`));
  lines.push(`${step.name.padEnd(10)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed  ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
if (failures.length > 0) console.log(`\nfailed:\n${failures.join("\n")}`);
console.log(`\n${lines.join("\n")}\ntotal time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
