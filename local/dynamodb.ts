import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer, Socket } from "node:net";
import { dirname, join, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { portOrFree } from "./free-port";
import type { DynamoDbOptions, RunningService } from "./types";

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const JAVA_MISSING =
  "Java 17+ is required for DynamoDB Local: install a JRE, e.g. apt-get install -y default-jre-headless";

/** Where amplify-dynamodb-simulator keeps AWS's DynamoDBLocal.jar and its native SQLite libraries. */
function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("amplify-dynamodb-simulator/package.json")), "emulator");
}

/**
 * Starts AWS's DynamoDB Local (a JVM) on `opts.port` or a free port, in memory or persisted under
 * `opts.dbPath`, and resolves once it answers ListTables. `-sharedDb` makes every client see the same
 * tables whatever its credentials or region, as a real account does.
 */
export async function startDynamoDb(opts: DynamoDbOptions): Promise<RunningService> {
  const port = await portOrFree(opts.port);
  await assertPortFree(port);
  const storage = opts.dbPath ? ["-dbPath", resolve(opts.dbPath)] : ["-inMemory"];
  if (opts.dbPath) await mkdir(resolve(opts.dbPath), { recursive: true });

  const lib = emulatorDir();
  const args = [
    `-Djava.library.path=${join(lib, "DynamoDBLocal_lib")}`,
    "-jar",
    join(lib, "DynamoDBLocal.jar"),
    ...storage,
    "-sharedDb",
    "-disableTelemetry",
    "-port",
    String(port),
  ];
  // detached: its own process group, so stop() can take down the JVM and anything it forked.
  const java = spawn("java", args, { cwd: lib, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((done) => {
    java.once("exit", () => done());
    java.once("error", () => done());
  });
  let stderr = "";
  java.stdout?.resume();
  java.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-8_000);
  });

  const killGroup = (signal: NodeJS.Signals) => {
    if (java.pid === undefined || java.exitCode !== null || java.signalCode !== null) return;
    try {
      process.kill(-java.pid, signal);
    } catch {
      // already gone
    }
  };
  const onParentExit = () => killGroup("SIGKILL");
  process.once("exit", onParentExit);
  const watchdog = spawnWatchdog(java);

  const stop = async () => {
    process.off("exit", onParentExit);
    killGroup("SIGTERM");
    const timer = setTimeout(() => killGroup("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    watchdog?.kill("SIGKILL");
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, java, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

/**
 * A `sh` that reads its stdin (a pipe from this process) and kills the JVM's process group at EOF:
 * the JVM then dies with this process even on SIGKILL or a crash, where no "exit" handler runs.
 */
function spawnWatchdog(java: ChildProcess): ChildProcess | undefined {
  if (java.pid === undefined) return undefined;
  const script = 'read -r _ || true; kill -KILL "-$1" 2>/dev/null';
  // detached too: a group kill aimed at this process (a test runner, Ctrl-C) must not take the watchdog along.
  const watchdog = spawn("sh", ["-c", script, "watchdog", String(java.pid)], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.on("error", () => undefined);
  // Like the JVM's own pipes, the watchdog must not be what keeps this process alive.
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();
  return watchdog;
}

/** DynamoDB Local binds 0.0.0.0 and, when the port is taken, logs a BindException but never exits. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "EADDRINUSE"
          ? new Error(`DynamoDB Local cannot start: port ${port} is busy`)
          : error,
      ),
    );
    probe.listen(port, "0.0.0.0", () => probe.close(() => done()));
  });
}

async function waitUntilReady(endpoint: string, java: ChildProcess, stderr: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  let failure: Error | undefined;
  java.once("error", (error: NodeJS.ErrnoException) => {
    failure = error.code === "ENOENT" ? new Error(JAVA_MISSING) : error;
  });
  java.once("exit", (code, signal) => {
    failure ??= new Error(`DynamoDB Local exited (${signal ?? code}) before answering:\n${stderr()}`);
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (failure) throw failure;
      if (/BindException|Failed to bind/.test(stderr())) {
        throw new Error(`DynamoDB Local cannot start: port ${new URL(endpoint).port} is busy`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(
          `DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s:\n${stderr()}`,
        );
      }
      await new Promise((wake) => setTimeout(wake, 100));
    }
  } finally {
    client.destroy();
  }
}
