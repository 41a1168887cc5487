import { createServer, type Server, type Socket } from "node:net";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import type { CallLimits } from "./aws-call-limits";
import { createDocumentClient, DYNAMODB_CALL_LIMITS } from "./dynamo-client";
import { createS3Client, S3_CALL_LIMITS } from "./s3-client";
import { isServiceUnreachable } from "./service-unreachable";

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A TCP server that does `onConnection` with each socket; returns its endpoint and a count of connections. */
async function fakeService(onConnection: (socket: Socket) => void): Promise<{ endpoint: string; connections: () => number }> {
  let count = 0;
  const listening = createServer((socket) => {
    count++;
    sockets.push(socket);
    onConnection(socket);
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const address = listening.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { endpoint: `http://127.0.0.1:${address.port}`, connections: () => count };
}

const local = { region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };

/** One call of each client, as the app makes it, against `endpoint`. */
const clients: { name: string; limits: CallLimits; call: (endpoint: string) => Promise<unknown> }[] = [
  {
    name: "DynamoDB",
    limits: DYNAMODB_CALL_LIMITS,
    call: async (endpoint) => {
      const client = createDocumentClient({ endpoint, ...local });
      try {
        return await client.send(new GetCommand({ TableName: "Expenses", Key: { userId: "u", sk: "SET" } }));
      } finally {
        client.destroy();
      }
    },
  },
  {
    name: "S3",
    limits: S3_CALL_LIMITS,
    call: async (endpoint) => {
      const client = createS3Client({ AWS_ENDPOINT_URL_S3: endpoint }, { endpoint, ...local });
      try {
        return await client.send(new HeadObjectCommand({ Bucket: "files", Key: "receipts/u/e/r" }));
      } finally {
        client.destroy();
      }
    },
  },
];

async function timed(call: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe.each(clients)("the $name client's limits", ({ limits, call }) => {
  it("gives up on a service that accepts the connection and never answers after one request timeout, not two", async () => {
    const service = await fakeService(() => {});
    const { error, ms } = await timed(call(service.endpoint));
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(isServiceUnreachable(error)).toBe(true);
    expect(service.connections()).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 50);
    expect(ms).toBeLessThan(5_000);
  });

  it("retries a connection that is reset once, then fails fast", async () => {
    const service = await fakeService((socket) => socket.resetAndDestroy());
    const { error, ms } = await timed(call(service.endpoint));
    expect(isServiceUnreachable(error)).toBe(true);
    expect(service.connections()).toBe(limits.maxAttempts);
    expect(ms).toBeLessThan(2_000);
  });
});
