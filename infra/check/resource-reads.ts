/**
 * Finds every `Resource.X` the application code reads, so the tests can check that X is linked to whatever
 * runs that code: the Next.js site for app/**, lib/** and server/** (the site's wiring), the function whose handler is functions/<name>.* for
 * functions/<name>.ts. A function also runs every repository module its handler imports (functions/export.ts
 * verifies tokens through server/auth.ts): `moduleClosure` follows those imports. A read without a link is a
 * crash at run time ("X is not linked"), on AWS only.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
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

/**
 * Module specifiers a source loads at run time: static imports and re-exports (not `import type`/`export type`,
 * which compilers erase), side-effect imports and literal dynamic imports. An over-approximation is harmless here
 * (a module counted twice, or a type-only `{ type X }` import followed); a missed import would hide reads.
 */
export function runtimeImports(source: string): string[] {
  const code = withoutComments(source);
  const specifiers: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s+(type\s+)?[^;"'`]*?\bfrom\s*["']([^"']+)["']/g)) {
    if (!m[1] && m[2]) specifiers.push(m[2]);
  }
  for (const m of code.matchAll(/\bimport\s*["']([^"']+)["']/g)) if (m[1]) specifiers.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) if (m[1]) specifiers.push(m[1]);
  return specifiers;
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx"];

/** The repository file a relative or "@/" (tsconfig `paths`) specifier names; undefined for packages and node: builtins. */
function resolveLocal(root: string, fromFile: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.resolve(path.dirname(fromFile), specifier);
  else if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else return undefined;
  const stem = base.replace(/\.(js|mjs|jsx)$/, "");
  const candidates = [base, ...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && SOURCE.test(c));
}

/**
 * Every repository module `file` (relative to root) loads at run time, itself first, following relative and "@/"
 * imports transitively; packages are not followed (they read no `Resource`). Paths relative to root.
 */
export function moduleClosure(root: string, file: string): string[] {
  const seen = new Set<string>();
  const pending = [path.join(root, file)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const specifier of runtimeImports(readFileSync(next, "utf8"))) {
      const resolved = resolveLocal(root, next, specifier);
      if (resolved && !resolved.includes(`${path.sep}node_modules${path.sep}`)) pending.push(resolved);
    }
  }
  return [...seen].map((f) => path.relative(root, f).split(path.sep).join("/"));
}

/** The source file of a handler string such as `functions/export.handler`, if the repository has it. */
export function handlerSource(root: string, handler: string): string | undefined {
  const stem = handler.slice(0, handler.lastIndexOf("."));
  const found = EXTENSIONS.map((ext) => stem + ext).find((f) => existsSync(path.join(root, f)));
  return found;
}

/** The `Resource` reads of the given files (relative to root). */
export function resourceReadsIn(root: string, files: string[]): ResourceRead[] {
  return files
    .filter((file) => !TEST.test(file))
    .flatMap((file) => findResourceReads(readFileSync(path.join(root, file), "utf8")).map((read) => ({ file, ...read })));
}
