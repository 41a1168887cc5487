/**
 * Evaluates sst.config.ts offline, the way SST's CLI does (pkg/project/project.go and run.go in anomalyco/sst):
 *   1. bundle the config with `$input` defined and run `app({ stage })` in Node -> the app's name/removal/protect;
 *   2. bundle it again with `$app`, `$cli` and `$dev` defined, SST's shim injected (`$interpolate`, `$output`, …)
 *      and `aws`/`sst` imported into every user file, then run `run()` through SST's own auto/run.ts (which adds
 *      the retain-on-delete and link transformations) — here under Pulumi mocks, in a child Node process, with
 *      infra/check/program-harness.ts in place of the Pulumi engine and SST's RPC server.
 * No AWS account, network or Pulumi CLI is needed; `sst install` must have written .sst/platform.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as Esbuild from "esbuild";
import type { AppInfo, Evaluation, EvaluationMode } from "./evaluation";
import { mockRegion } from "./mock-cloud";
import { createSiteFixture } from "./site-fixture";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
export const platformDir = path.join(repoRoot, ".sst", "platform");

export type EvaluateOptions = {
  stage: string;
  mode: EvaluationMode;
  /** `fixture`: a stand-in OpenNext output (fast, independent of the app); `build`: the repository's real .open-next. */
  site?: "fixture" | "build";
  /** SST_SECRET_<name> values, as `sst secret set` would provide them. */
  secrets?: Record<string, string>;
};

/** esbuild as SST's platform ships it (the CLI embeds the same bundler, in Go). */
function loadEsbuild(): typeof Esbuild {
  return createRequire(path.join(platformDir, "package.json"))("esbuild") as typeof Esbuild;
}

/** Mirrors js.Build in SST's pkg/js/js.go (`banner` is appended to SST's own banner, as EvalOptions.Banner is). */
function buildOptions(code: string, outfile: string, banner: string, extra: Partial<Esbuild.BuildOptions>): Esbuild.BuildOptions {
  return {
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
        banner,
      ].join("\n"),
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    sourcemap: "linked",
    stdin: { contents: code, resolveDir: repoRoot, sourcefile: "eval.ts", loader: "ts" },
    nodePaths: [path.join(platformDir, "node_modules")],
    external: ["@pulumi/*", "undici", "@pulumiverse/*", "@sst-provider/*", "@aws-sdk/*", "esbuild", "archiver", "glob", "vite"],
    outfile,
    write: true,
    bundle: true,
    logLevel: "silent",
    ...extra,
  };
}

/** SST prepends the provider imports to every file of the user's that it bundles (its "InjectGlobals" plugin). */
function injectGlobals(globals: string): Esbuild.Plugin {
  return {
    name: "InjectGlobals",
    setup(build) {
      build.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
        if (args.path.startsWith(path.join(repoRoot, ".sst"))) return undefined;
        const contents = readFileSync(args.path, "utf8");
        return { contents: args.path.includes(".sst") ? contents : `${globals}\n${contents}`, loader: "default" };
      });
    },
  };
}

function unique(name: string): string {
  return path.join(platformDir, `${name}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.mjs`);
}

function removeBundle(outfile: string): void {
  rmSync(outfile, { force: true });
  rmSync(`${outfile}.map`, { force: true });
}

/** Runs a bundle in its own Node process; killed after `timeoutMs` (the harness gives up on its own after 60 s). */
function runNode(file: string, env: NodeJS.ProcessEnv, cwd: string, timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--enable-source-maps", "--no-warnings", file], { env, cwd });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      stderr += `\nkilled after ${timeoutMs / 1000} s`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Step 1: what `app()` returns for the stage, with the CLI's defaults applied. */
export async function evaluateApp(stage: string): Promise<AppInfo> {
  const esbuild = loadEsbuild();
  const outfile = unique("ledgerline-app");
  const configPath = path.join(repoRoot, "sst.config.ts");
  const code = [
    `import mod from ${JSON.stringify(configPath)};`,
    `console.log("~j" + JSON.stringify(await mod.app({ stage: $input.stage || undefined })));`,
  ].join("\n");
  try {
    // SST's app pass defines `$config` as the identity function and `$input` as the CLI's input.
    await esbuild.build(
      buildOptions(code, outfile, "function $config(input) { return input }", {
        define: { $input: JSON.stringify({ stage }) },
      }),
    );
    const result = await runNode(outfile, process.env, repoRoot);
    const line = result.stdout.split("\n").find((l) => l.startsWith("~j"));
    if (result.code !== 0 || !line) throw new Error(`Evaluating app() failed:\n${result.stderr}${result.stdout}`);
    const app = JSON.parse(line.slice(2)) as Partial<AppInfo>;
    return {
      name: app.name ?? "",
      stage,
      removal: app.removal ?? "retain",
      protect: app.protect ?? false,
      home: app.home ?? "",
    };
  } finally {
    removeBundle(outfile);
  }
}

/** Step 2: run() under mocks; resolves to everything it registered. */
export async function evaluate(options: EvaluateOptions): Promise<Evaluation> {
  if (!existsSync(path.join(platformDir, "src", "auto", "run.ts"))) {
    throw new Error(".sst/platform is missing: run `npx tsx scripts/infra-check.ts` (it runs `sst install`) first");
  }
  const app = await evaluateApp(options.stage);
  const esbuild = loadEsbuild();
  const dev = options.mode === "dev";
  const root = options.site === "build" ? repoRoot : createSiteFixture(repoRoot);
  const work = mkdtempSync(path.join(tmpdir(), "ledgerline-work-"));
  const resultPath = path.join(work, "evaluation.json");
  const outfile = unique("ledgerline-run");
  const cli = {
    command: dev ? "dev" : "deploy",
    dev,
    paths: { home: path.join(homedir(), ".config", "sst"), root, work, platform: platformDir },
    state: { version: {} },
  };
  const $app = { name: app.name, stage: app.stage, removal: app.removal, providers: { [app.home]: {} }, home: app.home, protect: app.protect };
  const globals = [
    `import * as aws from "@pulumi/aws";`,
    `import * as sst from ${JSON.stringify(path.join(platformDir, "src", "components"))};`,
  ].join("\n");
  const code = [
    `import { run } from ${JSON.stringify(path.join(platformDir, "src", "auto", "run.ts"))};`,
    `import mod from ${JSON.stringify(path.join(repoRoot, "sst.config.ts"))};`,
    `import { runProgram } from ${JSON.stringify(path.join(repoRoot, "infra", "check", "program-harness.ts"))};`,
    `await runProgram(() => run(mod.run));`,
  ].join("\n");
  try {
    await esbuild.build(
      buildOptions(code, outfile, "", {
        define: { $app: JSON.stringify($app), $cli: JSON.stringify(cli), $dev: String(dev) },
        inject: [path.join(platformDir, "src", "shim", "run.js")],
        plugins: [injectGlobals(globals)],
      }),
    );
    const secrets = Object.fromEntries(Object.entries(options.secrets ?? {}).map(([k, v]) => [`SST_SECRET_${k}`, v]));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...secrets,
      LEDGERLINE_EVAL_RESULT: resultPath,
      LEDGERLINE_EVAL_REPO_ROOT: repoRoot,
      PULUMI_CONFIG_PASSPHRASE: "",
      SST_STAGE: options.stage,
      // What the CLI's AWS provider exports (pkg/project/provider/aws.go); live functions get it as SST_REGION.
      SST_AWS_REGION: mockRegion,
    };
    const result = await runNode(outfile, env, root);
    if (!existsSync(resultPath)) {
      throw new Error(`Evaluating run() (${options.stage}, ${options.mode}) crashed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
    }
    const evaluation = JSON.parse(readFileSync(resultPath, "utf8")) as Evaluation;
    return { ...evaluation, app, errors: [...evaluation.errors, ...(result.code === 0 ? [] : [result.stderr])] };
  } finally {
    removeBundle(outfile);
    rmSync(work, { recursive: true, force: true });
    if (root !== repoRoot) rmSync(root, { recursive: true, force: true });
  }
}

/** Bundles left by an interrupted run an hour ago or more (git-ignored under .sst/, but tidy); a run in progress keeps its own. */
export function removeStaleBundles(): void {
  if (!existsSync(platformDir)) return;
  for (const file of readdirSync(platformDir)) {
    const full = path.join(platformDir, file);
    if (/^ledgerline-(app|run)\./.test(file) && Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { force: true });
  }
}
