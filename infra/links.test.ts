import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "./check/evaluate";
import type { Evaluation } from "./check/evaluation";
import { builtFunction } from "./check/queries";
import {
  findResourceReads,
  handlerSource,
  moduleClosure,
  readerOf,
  resourceReadsIn,
  runtimeImports,
  scanResourceReads,
} from "./check/resource-reads";

const { dev, sstDev } = inject("infra");

/** What `Resource` offers every reader without a link (SST_RESOURCE_App). */
const ALWAYS = new Set(["App"]);

function linksOfReader(evaluation: Evaluation, file: string): { who: string; links: string[] } {
  const reader = readerOf(file);
  if (reader.kind === "site") {
    const site = builtFunction(evaluation, evaluation.mode === "dev" ? "WebDevServer" : "WebServer");
    return { who: `the Web site (${site.functionID})`, links: site.links };
  }
  const fn = [...evaluation.builds, ...evaluation.devTargets].find((b) => b.handler?.startsWith(`${reader.handlerFile}.`));
  return fn
    ? { who: `function ${fn.functionID}`, links: fn.links }
    : { who: `no function (none has a handler ${reader.handlerFile}.*)`, links: [] };
}

describe("Resource reads in the code", () => {
  const reads = scanResourceReads(repoRoot);

  it("finds the reads there are (app/, lib/, server/, functions/)", () => {
    // server/public-config.ts hands the pool and client ids to the browser.
    expect(reads.length).toBeGreaterThan(0);
  });

  it.each([
    ["sst deploy", dev],
    ["sst dev", sstDev],
  ] as const)("are each linked to the code that reads them (%s)", (_, evaluation) => {
    const missing = reads
      .filter((read) => !ALWAYS.has(read.name))
      .map((read) => ({ read, ...linksOfReader(evaluation, read.file) }))
      .filter(({ read, links }) => !links.includes(read.name))
      .map(({ read, who }) => `${read.file}:${read.line} reads Resource.${read.name}, not linked to ${who}`);
    expect(missing).toEqual([]);
  });
});

describe("Resource reads of the functions' code, imports included", () => {
  it.each([
    ["sst deploy", dev],
    ["sst dev", sstDev],
  ] as const)("are each linked to the function that loads them (%s)", (_, evaluation) => {
    const functions = [...evaluation.builds, ...evaluation.devTargets].filter((fn) => fn.bundle === null && fn.handler);
    const checked = functions.flatMap((fn) => {
      const source = handlerSource(repoRoot, fn.handler ?? "");
      if (!source) return [];
      const reads = resourceReadsIn(repoRoot, moduleClosure(repoRoot, source)).filter((read) => !ALWAYS.has(read.name));
      return reads.map((read) => ({ fn, read }));
    });
    // The receipt function at least has been written and reads through its imports.
    expect(checked.length).toBeGreaterThan(0);
    const missing = checked
      .filter(({ fn, read }) => !fn.links.includes(read.name))
      .map(({ fn, read }) => `${read.file}:${read.line} reads Resource.${read.name}, loaded by ${fn.functionID}, not linked to it`);
    expect(missing).toEqual([]);
  });
});

/**
 * The reads each handler (and the export route) is written to make, per DESIGN.md: checked against the links
 * whether or not the file exists yet, and against the file once it does.
 */
const CONTRACT = [
  ["functions/receipt.ts", "FilesNotificationsNotificationReceiptUploaded", ["Expenses", "Files", "ReceiptReader"]],
  ["functions/export.ts", "Export", ["Expenses", "UserPool", "UserPoolClient"]],
  ["functions/analytics.ts", "ExpensesSubscriberAnalyticsFunction", ["Expenses", "Files"]],
  ["functions/import.ts", "Import", ["Expenses", "Files"]],
  ["app/api/export/route.ts", null, ["Export"]],
  // The site starts an import's commit or undo with an asynchronous Invoke of Resource.Import.name.
  ["server/imports.ts", null, ["Expenses", "Files", "Import"]],
] as const;

describe("the functions' and the export route's reads", () => {
  it.each(CONTRACT)("%s runs where the resources it is to read are linked", (file, functionID, names) => {
    for (const evaluation of [dev, sstDev]) {
      const { who, links } = linksOfReader(evaluation, file);
      if (functionID) expect(who).toBe(`function ${functionID}`);
      else expect(who).toMatch(/^the Web site/);
      expect(links).toEqual(expect.arrayContaining([...names]));
    }
  });

  // A function's links are all it has; the site's other reads are checked above against its own links.
  const functionFiles = CONTRACT.filter(([file]) => readerOf(file).kind === "function");
  it.each(functionFiles)("%s reads nothing beyond that (imports included)", (file, _, names) => {
    expect(existsSync(path.join(repoRoot, file)), `${file} exists`).toBe(true);
    const closureReads = resourceReadsIn(repoRoot, moduleClosure(repoRoot, file));
    const beyond = closureReads.filter((r) => !ALWAYS.has(r.name) && !(names as readonly string[]).includes(r.name));
    expect(beyond.map((r) => `${r.file}:${r.line} reads Resource.${r.name}`)).toEqual([]);
  });
});

describe("findResourceReads", () => {
  it("finds dotted and bracketed reads with their lines", () => {
    const source = ['import { Resource } from "sst";', "const t = Resource.Expenses.name;", 'const b = Resource["Files"].name;'].join("\n");
    expect(findResourceReads(source)).toEqual([
      { line: 2, name: "Expenses" },
      { line: 3, name: "Files" },
    ]);
  });

  it("ignores comments but not URLs in strings", () => {
    const source = ["// Resource.Old is gone", "/* Resource.Older\n too */", 'const u = "http://x"; const n = Resource.UserPool.id;'].join("\n");
    expect(findResourceReads(source)).toEqual([{ line: 4, name: "UserPool" }]);
  });

  it("follows runtime imports (relative and @/), not type-only ones", () => {
    const source = [
      'import type { A } from "./types";',
      'import { b, type C } from "../server/b";',
      'import {\n  d,\n  e,\n} from "@/lib/d";',
      'export { f } from "./f";',
      'export type { G } from "./g";',
      'import "./side-effect";',
      'const h = await import("./h");',
      '// import { old } from "./old";',
      'import { Resource } from "sst";',
    ].join("\n");
    expect(runtimeImports(source).sort()).toEqual(["../server/b", "./f", "./h", "./side-effect", "@/lib/d", "sst"]);
  });

  it("collects a handler's repository modules transitively", () => {
    const closure = moduleClosure(repoRoot, "functions/receipt.ts");
    expect(closure[0]).toBe("functions/receipt.ts");
    expect(closure.some((f) => f.startsWith("lib/"))).toBe(true);
    expect(closure.every((f) => !f.includes("node_modules"))).toBe(true);
  });

  it("attributes app/, lib/ and server/ to the site and functions/<name>.ts to its function", () => {
    expect(readerOf("app/api/expenses/route.ts")).toEqual({ kind: "site" });
    expect(readerOf("server/public-config.ts")).toEqual({ kind: "site" });
    expect(readerOf("functions/export.ts")).toEqual({ kind: "function", handlerFile: "functions/export" });
  });
});
