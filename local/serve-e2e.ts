/** The Playwright web server: an in-memory local stack plus `next start` on the given port. */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { e2eStackFile } from "./e2e-stack-file";
import { nextCommand } from "./next-bin";
import { startLocalStack } from "./stack";

const { values } = parseArgs({ options: { port: { type: "string" }, "token-seconds": { type: "string", default: "8" } } });
const port = Number(values.port);
if (!port) throw new Error("usage: serve-e2e --port N");
const accessTokenValiditySeconds = Number(values["token-seconds"]);

const stack = await startLocalStack({
  appOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  accessTokenValiditySeconds,
});
const file = e2eStackFile(port);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(
  file,
  JSON.stringify({
    cognitoEndpoint: stack.cognito.endpoint,
    userPoolId: stack.cognito.userPoolId,
    clientId: stack.cognito.clientId,
    accessTokenValiditySeconds,
  }),
);

const next = spawn(...nextCommand(["start", "-p", String(port), "-H", "127.0.0.1"]), {
  stdio: "inherit",
  env: { ...process.env, ...stack.env, NEXT_TELEMETRY_DISABLED: "1" },
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await stack.stop();
  rmSync(file, { force: true });
  process.exit(code);
}
next.on("exit", (code) => void shutdown(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));
