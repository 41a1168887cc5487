/**
 * `npm run dev`: the embedded local AWS (data kept under .local/dev) and `next dev` wired to it.
 * Ports: PORT (app, 3000), LOCAL_DYNAMODB_PORT (8000), LOCAL_S3_PORT (4568), LOCAL_COGNITO_PORT (9229) — each
 * emulator's usual port — LOCAL_FUNCTION_URL_PORT (9300, the export function's URL) and LOCAL_LAMBDA_PORT (9310,
 * the Lambda Invoke API the app uses to start an import's commit). They are fixed, not random, because the browser keeps tokens whose issuer names the
 * Cognito port: a session must survive a restart of `npm run dev`.
 */
import { createServer } from "node:net";
import { join } from "node:path";
import { createDocumentClient } from "../lib/dynamo-client";
import { migrateAggregates } from "../lib/expenses/migrate-aggregates";
import { removeDevStackInfo, writeDevStackInfo } from "./dev-stack-file";
import { runNextWithStack } from "./next-bin";
import { DYNAMODB_STREAM_SUBSCRIPTIONS, S3_SUBSCRIPTIONS, URL_FUNCTIONS } from "./functions";
import { BUCKET_NAME, LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStack, TABLE_NAME } from "./stack";

const started = Date.now();
const port = Number(process.env.PORT ?? 3000);
const portFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

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
  console.log("Starting the local AWS (DynamoDB Local, S3, Cognito, functions)…");
  const stack = await startLocalStack({
    persistDir: join(process.cwd(), ".local", "dev"),
    appOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    ports: {
      dynamodb: portFromEnv("LOCAL_DYNAMODB_PORT", 8000),
      s3: portFromEnv("LOCAL_S3_PORT", 4568),
      cognito: portFromEnv("LOCAL_COGNITO_PORT", 9229),
      functionUrls: portFromEnv("LOCAL_FUNCTION_URL_PORT", 9300),
      lambda: portFromEnv("LOCAL_LAMBDA_PORT", 9310),
    },
  });
  // Data written by an older version of the app (one aggregate item per month) moves to today's layout.
  const { migrated } = await migrateAggregates(
    createDocumentClient({ endpoint: stack.dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    TABLE_NAME,
  );
  if (migrated > 0) console.log(`Moved ${migrated} monthly aggregate item(s) to one item per month and category.`);
  writeDevStackInfo({ dynamodbEndpoint: stack.dynamodb.endpoint, s3Endpoint: stack.s3.endpoint, tableName: TABLE_NAME, bucket: BUCKET_NAME, pid: process.pid });
  runNextWithStack(["dev", "-p", String(port)], stack, () => {
    console.log("\nStopping…");
    removeDevStackInfo();
  });
  console.log(
    [
      "",
      `  Ledgerline (local)   http://localhost:${port}`,
      `  DynamoDB Local       ${stack.dynamodb.endpoint}   table ${TABLE_NAME}`,
      `  S3                   ${stack.s3.endpoint}   bucket ${BUCKET_NAME}`,
      `  Cognito              ${stack.cognito.endpoint}   pool ${stack.cognito.userPoolId}`,
      ...S3_SUBSCRIPTIONS.map((s) => `  Function ${s.functionName.padEnd(12)}on ${s.eventNames.join(", ")} under ${s.prefix}   (one λ line per invocation)`),
      ...DYNAMODB_STREAM_SUBSCRIPTIONS.map((s) => `  Function ${s.functionName.padEnd(12)}on the Expenses table's stream (expense items)`),
      ...URL_FUNCTIONS.map((f) => `  Function ${f.name.padEnd(12)}${JSON.parse(stack.env[`SST_RESOURCE_${f.resource}`] ?? "{}").url ?? "?"}   (Function URL; the app forwards /api/${f.name})`),
      `  Data                 .local/dev (delete it to start over)`,
      `  Local AWS ready in ${((Date.now() - started) / 1000).toFixed(1)} s — Ctrl-C stops everything.`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
