import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "./check/evaluate";
import type { Evaluation } from "./check/evaluation";
import { builtFunction } from "./check/queries";
import { findResourceReads, readerOf, scanResourceReads } from "./check/resource-reads";

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

  it("attributes app/, lib/ and server/ to the site and functions/<name>.ts to its function", () => {
    expect(readerOf("app/api/expenses/route.ts")).toEqual({ kind: "site" });
    expect(readerOf("server/public-config.ts")).toEqual({ kind: "site" });
    expect(readerOf("functions/export.ts")).toEqual({ kind: "function", handlerFile: "functions/export" });
  });
});
