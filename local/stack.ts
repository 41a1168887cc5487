/**
 * The embedded local AWS: DynamoDB Local, S3 (s3rver behind a policy-enforcing front), Cognito
 * (cognito-local behind a front) and Lambda (the functions runner, on the bucket's events and the table's stream), handed to the app
 * exactly as SST would: SST_RESOURCE_* variables plus the SDK-native endpoint overrides.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Event } from "aws-lambda";
import { startCognito } from "./cognito";
import { INVOKABLE_FUNCTIONS, URL_FUNCTIONS } from "./functions";
import { startLambdaApi } from "./lambda-api";
import { createFunctionsRunner, type FunctionsRunner, type FunctionsRunnerOptions } from "./functions-runner";
import { startFunctionUrl, type RunningFunctionUrl } from "./function-url";
import { startDynamoDb } from "./dynamodb";
import { createDynamoDbStreamApi, startDynamoDbStreamPoller, type DynamoDbStreamPoller } from "./dynamodb-stream-poller";
import { S3_LOCAL_CREDENTIALS, startS3 } from "./s3";
import { ensureExpensesTable } from "./table";
import type { RunningCognito, RunningService } from "./types";

export const LOCAL_REGION = "us-east-1";
/** s3rver's fixed credentials serve every emulator: DynamoDB Local and cognito-local accept any. Not secrets. */
export const LOCAL_CREDENTIALS = S3_LOCAL_CREDENTIALS;
export const TABLE_NAME = "ledgerline-local-Expenses";
export const BUCKET_NAME = "ledgerline-local-files";

export type StackOptions = {
  /** Keep data here (dev); undefined = in memory / temporary (tests). */
  persistDir?: string;
  /** Origins the bucket's CORS allows (the app's origin). */
  appOrigins: string[];
  ports?: { dynamodb?: number; s3?: number; cognito?: number; functionUrls?: number; lambda?: number };
  accessTokenValiditySeconds?: number;
  /** The functions runner (functions/* on the bucket's events), on unless `false`. */
  functions?: FunctionsRunnerOptions | false;
  /** Also told of every new object, after the functions runner. */
  onObjectCreated?: (event: S3Event) => void | Promise<void>;
};

export type LocalStack = {
  env: Record<string, string>;
  dynamodb: RunningService;
  s3: RunningService;
  cognito: RunningCognito;
  functions?: FunctionsRunner;
  stop(): Promise<void>;
};

function cursorSecret(persistDir: string | undefined): string {
  if (!persistDir) return randomBytes(32).toString("base64url");
  const file = join(persistDir, "cursor-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The environment the app and the functions get: what `sst dev` would set, plus endpoint overrides. */
export function stackEnv(parts: {
  dynamodb: string;
  s3: string;
  cognito: RunningCognito;
  cursorSecret: string;
  urls?: Record<string, string>;
  /** The local Lambda API and the functions reached through it (link name -> deployed name). */
  lambda?: { endpoint: string; functions: Record<string, string> };
}) {
  const resource = (value: object) => JSON.stringify(value);
  const urls = Object.entries(parts.urls ?? {}).map(([name, url]) => [`SST_RESOURCE_${name}`, resource({ name: `ledgerline-local-${name}`, url, type: "sst.aws.Function" })]);
  const invokable = Object.entries(parts.lambda?.functions ?? {}).map(([name, deployed]) => [`SST_RESOURCE_${name}`, resource({ name: deployed, type: "sst.aws.Function" })]);
  return {
    ...Object.fromEntries(urls),
    ...Object.fromEntries(invokable),
    ...(parts.lambda ? { AWS_ENDPOINT_URL_LAMBDA: parts.lambda.endpoint } : {}),
    SST_RESOURCE_App: resource({ name: "ledgerline", stage: "local" }),
    SST_RESOURCE_Expenses: resource({ name: TABLE_NAME, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_Files: resource({ name: BUCKET_NAME, type: "sst.aws.Bucket" }),
    SST_RESOURCE_UserPool: resource({ id: parts.cognito.userPoolId, type: "sst.aws.CognitoUserPool" }),
    SST_RESOURCE_UserPoolClient: resource({ id: parts.cognito.clientId, secret: "", type: "sst.aws.CognitoUserPoolClient" }),
    SST_RESOURCE_CursorSecret: resource({ value: parts.cursorSecret, type: "sst.sst.Secret" }),
    // No Textract without AWS: scans are read by tesseract.js (server/receipt-reader.ts).
    SST_RESOURCE_ReceiptReader: resource({ kind: "tesseract", type: "sst.sst.Linkable" }),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: parts.dynamodb,
    AWS_ENDPOINT_URL_S3: parts.s3,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: parts.cognito.endpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const dir = options.persistDir;
  if (dir) mkdirSync(dir, { recursive: true });
  const started: RunningService[] = [];
  const track = <T extends RunningService>(service: T): T => {
    started.push(service);
    return service;
  };
  const functions = options.functions === false ? undefined : createFunctionsRunner(options.functions);
  const onObjectCreated = (event: S3Event) => {
    functions?.deliverS3(event);
    return options.onObjectCreated?.(event);
  };
  const streamPollers: DynamoDbStreamPoller[] = [];
  const stopAll = async () => {
    // The stream pollers stop first (their batch in flight is finished), then the invocations in flight finish:
    // both still need S3 and DynamoDB.
    await Promise.allSettled(streamPollers.map((poller) => poller.stop()));
    await functions?.stop();
    await Promise.allSettled(started.reverse().map((service) => service.stop()));
  };
  try {
    const [dynamodb, s3, cognito] = await Promise.all([
      startDynamoDb({ port: options.ports?.dynamodb, dbPath: dir && join(dir, "dynamodb") }).then(track),
      startS3({
        port: options.ports?.s3,
        dir: dir && join(dir, "s3"),
        bucket: BUCKET_NAME,
        allowedOrigins: options.appOrigins,
        onObjectCreated,
      }).then(track),
      startCognito({
        port: options.ports?.cognito,
        dir: dir && join(dir, "cognito"),
        accessTokenValiditySeconds: options.accessTokenValiditySeconds,
      }).then(track),
    ]);
    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await ensureExpensesTable(client, TABLE_NAME);
    client.destroy();
    const urls: Record<string, string> = {};
    if (functions) {
      // Consecutive ports from ports.functionUrls (dev), else free ones (tests).
      for (const [i, fn] of URL_FUNCTIONS.entries()) {
        const port = options.ports?.functionUrls === undefined ? undefined : options.ports.functionUrls + i;
        const running: RunningFunctionUrl = await startFunctionUrl({ functionName: fn.name, port, handler: () => functions.streamingHandler(fn), log: functions.log });
        started.push({ endpoint: running.url, stop: running.stop });
        urls[fn.resource] = running.url;
      }
    }
    let lambda: { endpoint: string; functions: Record<string, string> } | undefined;
    if (functions) {
      const deployedNames = new Map(INVOKABLE_FUNCTIONS.map((fn) => [`ledgerline-local-${fn.name}`, fn.name]));
      const api = await startLambdaApi({
        port: options.ports?.lambda,
        functions: deployedNames,
        invokeEvent: (name, payload) => functions.invokeEvent(name, payload),
      });
      started.push(api);
      lambda = { endpoint: api.endpoint, functions: Object.fromEntries(INVOKABLE_FUNCTIONS.map((fn) => [fn.resource, `ledgerline-local-${fn.name}`])) };
    }
    const env = stackEnv({ dynamodb: dynamodb.endpoint, s3: s3.endpoint, cognito, cursorSecret: cursorSecret(dir), urls, ...(lambda ? { lambda } : {}) });
    functions?.start(env);
    // Lambda's event source mapping on the table's stream, one per subscription: starts at LATEST, now.
    for (const subscription of functions?.streamSubscriptions ?? []) {
      const poller = await startDynamoDbStreamPoller({
        api: createDynamoDbStreamApi({ endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
        tableName: TABLE_NAME,
        filters: subscription.filters,
        batchSize: subscription.batchSize,
        deliver: (event) => functions?.deliverDynamoDbStream(event, subscription.functionName) ?? Promise.resolve(),
      });
      streamPollers.push(poller);
    }
    return { env, dynamodb, s3, cognito, functions, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
