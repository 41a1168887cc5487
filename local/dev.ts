/**
 * `npm run dev`: the embedded local AWS (data kept under .local/dev) and `next dev` wired to it.
 * Ports: PORT (app, 3000), LOCAL_DYNAMODB_PORT, LOCAL_S3_PORT, LOCAL_COGNITO_PORT (free ports when unset).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { startLocalStack } from "./stack";

const started = Date.now();
const port = Number(process.env.PORT ?? 3000);
const optionalPort = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

function assertPortFree(p: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`Port ${p} is already in use. Stop the other process or run with PORT=<another port> npm run dev.`)),
    );
    probe.listen(p, () => probe.close(() => resolve()));
  });
}

async function main() {
  await assertPortFree(port);
  console.log("Starting the local AWS (DynamoDB Local, S3, Cognito)…");
  const stack = await startLocalStack({
    persistDir: join(process.cwd(), ".local", "dev"),
    appOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    ports: {
      dynamodb: optionalPort("LOCAL_DYNAMODB_PORT"),
      s3: optionalPort("LOCAL_S3_PORT"),
      cognito: optionalPort("LOCAL_COGNITO_PORT"),
    },
  });
  const next = spawn("npx", ["next", "dev", "-p", String(port)], {
    stdio: ["inherit", "inherit", "inherit"],
    env: { ...process.env, ...stack.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  console.log(
    [
      "",
      `  Ledgerline (local)   http://localhost:${port}`,
      `  DynamoDB Local       ${stack.dynamodb.endpoint}   table ${JSON.parse(stack.env.SST_RESOURCE_Expenses).name}`,
      `  S3                   ${stack.s3.endpoint}   bucket ${JSON.parse(stack.env.SST_RESOURCE_Files).name}`,
      `  Cognito              ${stack.cognito.endpoint}   pool ${stack.cognito.userPoolId}`,
      `  Data                 .local/dev (delete it to start over)`,
      `  Local AWS ready in ${((Date.now() - started) / 1000).toFixed(1)} s — Ctrl-C stops everything.`,
      "",
    ].join("\n"),
  );

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    next.kill("SIGTERM");
    await stack.stop();
    process.exit(code);
  };
  next.on("exit", (code) => void shutdown(code ?? 0));
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
