import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const run = promisify(execFile);
const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
/** Where redocly.yaml's ignore file expects it (the one accepted exception is listed there, with its reason). */
const FILE = "test-results/openapi/openapi.json";

async function lint(document: unknown): Promise<{ ok: boolean; output: string }> {
  mkdirSync("test-results/openapi", { recursive: true });
  writeFileSync(FILE, JSON.stringify(document, null, 2));
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  try {
    const { stdout, stderr } = await run(process.execPath, [redocly, "lint", FILE, "--format=summary"], { env, timeout: 60_000 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    return { ok: false, output: String(error) + (typeof error === "object" && error !== null && "stdout" in error ? String(error.stdout) : "") };
  }
}

describe("the OpenAPI document under Redocly's recommended-strict rules", () => {
  it("has no error", async () => {
    const { ok, output } = await lint(openApiDocument());
    expect(output).not.toMatch(/\berror\b\s+\S+: \d+/);
    expect(ok, output).toBe(true);
  });

  it("would fail on an operation without an operationId or security (the linter is really applied)", async () => {
    const document = openApiDocument();
    const { operationId: _, security: __, ...bare } = document.paths?.["/api/me"]?.get ?? {};
    const { ok, output } = await lint({ ...document, paths: { ...document.paths, "/api/me": { get: bare } } });
    expect(ok).toBe(false);
    expect(output).toMatch(/operation-operationId/);
    expect(output).toMatch(/security-defined/);
  });
});
