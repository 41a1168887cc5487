import { spawn } from "node:child_process";
import { envWithoutStack } from "../local/child-env";
import { freePort } from "../local/free-port";
import { nextCommand } from "../local/next-bin";
import { expect, test } from "./fixtures";

/** The production server started as a deployment would start it, with the wrong environment. */
async function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const [node, args] = nextCommand(["start", "-p", String(port), "-H", "127.0.0.1"]);
  const child = spawn(node, args, { env: envWithoutStack({ NEXT_TELEMETRY_DISABLED: "1", ...env }) });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

const CASES: { name: string; env: Record<string, string>; says: string }[] = [
  {
    name: "the server refuses to start when a deployed stage is pointed at an emulator",
    env: { SST_RESOURCE_App: JSON.stringify({ name: "ledgerline", stage: "production" }), AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "http://127.0.0.1:9229" },
    says: 'Ledgerline refuses to start: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points the AWS SDK at an emulator, which only the "local" stage may do; this is stage "production"',
  },
  {
    name: "the local stage refuses an endpoint that is not on this machine",
    env: { SST_RESOURCE_App: JSON.stringify({ name: "ledgerline", stage: "local" }), AWS_ENDPOINT_URL_DYNAMODB: "http://dynamodb.example.com:8000" },
    says: "AWS_ENDPOINT_URL_DYNAMODB=http://dynamodb.example.com:8000 is not one",
  },
];

test.describe("local mode outside the local stage", () => {
  test.skip(({ isMobile }) => isMobile, "no browser involved");

  for (const { name, env, says } of CASES) {
    test(name, async () => {
      const { code, output } = await startServer(env);
      expect(code).toBe(1);
      expect(output).toContain(says);
    });
  }
});
