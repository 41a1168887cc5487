import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { envWithoutStack } from "../local/child-env";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const run = promisify(execFile);

/** Lambda's init: the runtime's globals, then the module. */
function initScript(name: string): string {
  return `import("./local/lambda-streaming.ts").then((m) => m.installLambdaStreamingGlobals()).then(() => import("./functions/${name}.ts")).catch((e) => { console.error(String(e)); process.exit(1); })`;
}

/** Loads a function module in a fresh Node, as Lambda's init would, with the given environment. */
async function load(name: string, env: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, "-e", initScript(name)], { env: envWithoutStack(env), timeout: 30_000 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    return { ok: false, output: String(error) };
  }
}

const PRODUCTION = { SST_RESOURCE_App: JSON.stringify({ name: "ledgerline", stage: "production" }) };
const links = {
  SST_RESOURCE_Expenses: JSON.stringify({ name: "Expenses" }),
  SST_RESOURCE_Files: JSON.stringify({ name: "files" }),
  SST_RESOURCE_ReceiptReader: JSON.stringify({ kind: "textract" }),
  SST_RESOURCE_UserPool: JSON.stringify({ id: "us-east-1_x" }),
  SST_RESOURCE_UserPoolClient: JSON.stringify({ id: "client" }),
  AWS_REGION: "us-east-1",
};

describe.each(["receipt", "receipt-failed", "export", "import", "analytics"])("the %s function outside the local stage", (name) => {
  it("refuses to load with an emulator endpoint set, naming it", async () => {
    const { ok, output } = await load(name, { ...PRODUCTION, ...links, AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000" });
    expect(ok).toBe(false);
    expect(output).toContain('Ledgerline refuses to start: AWS_ENDPOINT_URL_DYNAMODB points the AWS SDK at an emulator, which only the "local" stage may do; this is stage "production"');
  });

  it("loads without one", async () => {
    expect(await load(name, { ...PRODUCTION, ...links })).toMatchObject({ ok: true });
  });
});
