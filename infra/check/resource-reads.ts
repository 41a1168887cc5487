/**
 * Finds every `Resource.X` the application code reads, so the tests can check that X is linked to whatever
 * runs that code: the Next.js site for app/**, lib/** and server/** (the site's wiring), the function whose handler is functions/<name>.* for
 * functions/<name>.ts. A read without a link is a crash at run time ("X is not linked"), on AWS only.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export type ResourceRead = { file: string; line: number; name: string };

export type Reader = { kind: "site" } | { kind: "function"; handlerFile: string };

const SOURCE = /\.(ts|tsx|mts|js|mjs|jsx)$/;
const TEST = /\.(test|spec|int\.test)\.(ts|tsx|mts|js|mjs|jsx)$|\.d\.ts$/;

/** Blanks comments (keeping line numbers) so that prose mentioning `Resource.X` is not a read. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** `Resource.Name` and `Resource["Name"]` reads in one source text. */
export function findResourceReads(source: string): { line: number; name: string }[] {
  const reads: { line: number; name: string }[] = [];
  const pattern = /\bResource(?:\.([A-Za-z_$][\w$]*)|\[\s*["'`]([A-Za-z_$][\w$]*)["'`]\s*\])/g;
  const lines = withoutComments(source).split("\n");
  lines.forEach((text, index) => {
    for (const match of text.matchAll(pattern)) {
      const name = match[1] ?? match[2];
      if (name) reads.push({ line: index + 1, name });
    }
  });
  return reads;
}

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry === "node_modules" || entry.startsWith(".")) return [];
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every read under app/, lib/, server/ and functions/ (tests and type declarations excluded), paths relative to root. */
export function scanResourceReads(root: string, dirs: string[] = ["app", "lib", "server", "functions"]): ResourceRead[] {
  return dirs
    .flatMap((dir) => walk(path.join(root, dir)))
    .filter((file) => SOURCE.test(file) && !TEST.test(file))
    .flatMap((file) => {
      const relative = path.relative(root, file).split(path.sep).join("/");
      return findResourceReads(readFileSync(file, "utf8")).map((read) => ({ file: relative, ...read }));
    });
}

/** Who runs a file: app/, lib/ and server/ run in the site; functions/<name>.ts (or functions/<name>/…) in its function. */
export function readerOf(file: string): Reader {
  const [top, second] = file.split("/");
  if (top === "functions" && second) {
    return { kind: "function", handlerFile: `functions/${second.replace(SOURCE, "")}` };
  }
  return { kind: "site" };
}
