import { createServer, type Server, type Socket } from "node:net";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { createDocumentClient, DYNAMODB_CALL_LIMITS } from "./dynamo-client";

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A TCP server that does `onConnection` with each socket; returns its endpoint and a count of connections. */
async function fakeDynamoDb(onConnection: (socket: Socket) => void): Promise<{ endpoint: string; connections: () => number }> {
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

async function timedGet(endpoint: string): Promise<{ error: unknown; ms: number }> {
  const client = createDocumentClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const started = Date.now();
  const error = await client.send(new GetCommand({ TableName: "Expenses", Key: { userId: "u", sk: "SET" } })).then(
    () => undefined,
    (e: unknown) => e,
  );
  client.destroy();
  return { error, ms: Date.now() - started };
}

describe("the DynamoDB client's limits", () => {
  it("gives up on a database that accepts the connection and never answers after one request timeout, not two", async () => {
    const db = await fakeDynamoDb(() => {});
    const { error, ms } = await timedGet(db.endpoint);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(db.connections()).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(DYNAMODB_CALL_LIMITS.requestTimeoutMs - 50);
    expect(ms).toBeLessThan(5_000);
  });

  it("retries a connection that is reset once, then fails fast", async () => {
    const db = await fakeDynamoDb((socket) => socket.resetAndDestroy());
    const { error, ms } = await timedGet(db.endpoint);
    expect(error).toBeInstanceOf(Error);
    expect(db.connections()).toBe(DYNAMODB_CALL_LIMITS.maxAttempts);
    expect(ms).toBeLessThan(2_000);
  });
});
