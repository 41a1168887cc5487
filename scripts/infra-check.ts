/**
 * The offline proof of the AWS infrastructure (no AWS account, no network but the npm registry):
 *   1. `sst install` when .sst/platform is missing or from another SST version (writes SST's platform: the
 *      component sources and types, Pulumi and its AWS provider);
 *   2. `tsc` over sst.config.ts and infra/ (infra/tsconfig.json);
 *   3. the Pulumi-mock tests: `vitest run --config infra/vitest.config.ts`;
 *   4. the OpenNext build of the app (what `sst deploy` runs), checked for the output SST deploys;
 *   5. sst.config.ts evaluated for production against that real build output.
 * Prints each step with its time, then "N passed, N failed" (vitest tests count one each, other steps one each).
 *
 *   npx tsx scripts/infra-check.ts [--skip-build] [--report=<file.json>]
 *
 * --report writes { passed, failed, steps: [{ name, ok, seconds, detail }] }.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { evaluate, platformDir, repoRoot } from "../infra/check/evaluate";

type StepResult = { name: string; ok: boolean; seconds: number; detail: string; passed: number; failed: number };

const args = process.argv.slice(2);
const skipBuild = args.includes("--skip-build");
const reportFile = args.find((a) => a.startsWith("--report="))?.slice("--report=".length);

/** Keeps every `sst` command off the network (no Pulumi/bun download) and quiet. */
const SST_OFFLINE = { SST_SKIP_DEPENDENCY_CHECK: "1", SST_NO_BUN: "1", SST_TELEMETRY_DISABLED: "1" };

function run(
  command: string[],
  options: { env?: Record<string, string>; echo?: boolean } = {},
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const [bin, ...rest] = command;
    if (!bin) return resolve({ ok: false, output: "no command" });
    const child = spawn(bin, rest, { cwd: repoRoot, env: { ...process.env, ...options.env } });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => resolve({ ok: false, output: `${output}${error.message}` }));
    child.on("close", (code) => resolve({ ok: code === 0, output }));
  });
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

const results: StepResult[] = [];

async function step(name: string, body: () => Promise<Omit<StepResult, "name" | "seconds">>): Promise<boolean> {
  const started = Date.now();
  let result: Omit<StepResult, "name" | "seconds">;
  try {
    result = await body();
  } catch (error) {
    result = { ok: false, detail: error instanceof Error ? (error.stack ?? error.message) : String(error), passed: 0, failed: 1 };
  }
  const seconds = (Date.now() - started) / 1000;
  results.push({ name, seconds, ...result });
  console.log(`${result.ok ? "✓" : "✗"} ${name} (${seconds.toFixed(1)} s)${result.detail ? `\n${result.detail}` : ""}`);
  return result.ok;
}

const single = (ok: boolean, detail = "") => ({ ok, detail, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

function installedSstVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "node_modules", "sst", "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "";
}

function platformVersion(): string {
  const file = path.join(platformDir, "version");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : "";
}

async function sstInstall() {
  const wanted = installedSstVersion();
  if (existsSync(path.join(platformDir, "src", "auto", "run.ts")) && platformVersion() === wanted) {
    return single(true, `  .sst/platform is SST ${wanted}: nothing to install`);
  }
  // `sst install` needs a stage but deploys nothing; any name will do.
  const result = await run(["npx", "--no-install", "sst", "install", "--stage", "infra-check"], { env: SST_OFFLINE });
  return single(result.ok, result.ok ? `  installed SST ${platformVersion()} platform` : tail(result.output));
}

async function typecheck() {
  const result = await run(["npx", "--no-install", "tsc", "-p", "infra/tsconfig.json"]);
  return single(result.ok, result.ok ? "" : tail(result.output));
}

type VitestReport = { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number };

async function mockTests() {
  const reportPath = path.join(tmpdir(), `ledgerline-infra-vitest-${process.pid}.json`);
  const result = await run(
    ["npx", "--no-install", "vitest", "run", "--config", "infra/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${reportPath}`],
    { echo: true },
  );
  if (!existsSync(reportPath)) return single(false, "  vitest wrote no report");
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as VitestReport;
  rmSync(reportPath, { force: true });
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + (result.ok || (report.numFailedTests ?? 0) > 0 ? 0 : 1);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { ok: result.ok, detail: `  ${passed} passed, ${failed} failed, ${skipped} skipped`, passed, failed };
}

type OpenNextOutput = { edgeFunctions?: Record<string, unknown>; origins?: Record<string, { bundle?: string } | undefined> };

async function openNextBuild() {
  const result = await run(["npx", "--no-install", "open-next", "build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
  const logPath = path.join(tmpdir(), "ledgerline-open-next-build.log");
  writeFileSync(logPath, result.output);
  if (!result.ok) return single(false, `${tail(result.output)}
  (full log: ${logPath})`);
  const missing = [".open-next/server-functions/default", ".open-next/assets", ".open-next/open-next.output.json", ".next/BUILD_ID"].filter(
    (p) => !existsSync(path.join(repoRoot, p)),
  );
  if (missing.length > 0) return single(false, `  missing after the build: ${missing.join(", ")}`);
  const output = JSON.parse(readFileSync(path.join(repoRoot, ".open-next", "open-next.output.json"), "utf8")) as OpenNextOutput;
  if (Object.keys(output.edgeFunctions ?? {}).length > 0) return single(false, "  edge functions are not supported by sst.aws.Nextjs");
  for (const origin of ["default", "imageOptimizer", "s3"]) {
    if (!output.origins?.[origin]) return single(false, `  open-next.output.json has no "${origin}" origin`);
  }
  // Offline, OpenNext cannot download sharp's linux build for the image optimizer; with internet (any real
  // `sst deploy`) it does. Everything else is built.
  const sharpOffline = result.output.includes("Could not install dependencies");
  return single(true, sharpOffline ? "  note: the image optimizer's sharp could not be downloaded (offline); sst deploy installs it" : "");
}

async function evaluateRealBuild() {
  const evaluation = await evaluate({ stage: "production", mode: "deploy", site: "build", secrets: { CursorSecret: "infra-check" } });
  const server = evaluation.builds.find((b) => b.functionID.startsWith("WebServer"));
  const problems = [
    ...evaluation.errors,
    ...evaluation.unknownRpc.map((m) => `unknown RPC ${m}`),
    ...(server?.bundle === ".open-next/server-functions/default" ? [] : ["the Web server is not the OpenNext server bundle"]),
  ];
  return single(problems.length === 0, problems.length ? tail(problems.join("\n")) : `  ${evaluation.resources.length} resources`);
}

const started = Date.now();
const installed = await step("sst install (.sst/platform)", sstInstall);
if (installed) {
  await step("tsc -p infra/tsconfig.json", typecheck);
  await step("Pulumi-mock tests (vitest --config infra/vitest.config.ts)", mockTests);
}
if (!skipBuild) {
  const built = await step("OpenNext build (npx open-next build)", openNextBuild);
  if (built && installed) await step("sst.config.ts with the real OpenNext output (production)", evaluateRealBuild);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\ninfra-check: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (reportFile) {
  mkdirSync(path.dirname(path.resolve(reportFile)), { recursive: true });
  writeFileSync(
    reportFile,
    JSON.stringify({ passed, failed, steps: results.map(({ name, ok, seconds, detail }) => ({ name, ok, seconds, detail })) }, null, 2),
  );
}
process.exit(failed > 0 ? 1 : 0);
