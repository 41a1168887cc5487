/**
 * Runs inside the program bundle that infra/check/evaluate.ts builds exactly as SST's CLI builds
 * sst.config.ts (same esbuild defines, injected globals and externals). It plays the two parts of the CLI that a
 * real `sst deploy` talks to: the Pulumi engine (replaced by `pulumi.runtime.setMocks`) and SST's RPC server
 * (sst-rpc.ts). Every resource registration is recorded with its inputs and options and written as JSON
 * (see evaluation.ts) for the tests to assert on.
 */
import * as pulumi from "@pulumi/pulumi";
import { writeFileSync } from "node:fs";
import type { Evaluation, Json, JsonObject, RecordedResource } from "./evaluation";
import { invokeResult, resourceState } from "./mock-cloud";
import { startSstRpc } from "./sst-rpc";

/** The slice of the protobuf RegisterResourceRequest the recorder reads. */
/** google.protobuf.Struct, as `pulumi.runtime.deserializeProperties` takes it. */
type Struct = Parameters<typeof pulumi.runtime.deserializeProperties>[0];

type RegisterRequest = {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): Struct;
  getRetainondelete(): boolean;
  getProtect(): boolean;
};
type Callback = (error: unknown, response?: unknown) => void;
type OutputsRequest = { getUrn(): string; getOutputs(): Struct };
/** Pulumi's MockMonitor, as far as the recorder uses it. */
type MonitorLike = {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(request: RegisterRequest, callback: Callback): void;
  registerResourceOutputs(request: OutputsRequest, callback: Callback): void;
};

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Turns deserialized Pulumi property values into plain JSON (secrets unwrapped, assets and resources named). */
function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== "object") return String(value);
  if (pulumi.Resource.isInstance(value)) return { $resource: value.constructor.name };
  if (pulumi.Output.isInstance(value)) return "$output";
  if (pulumi.asset.Asset.isInstance(value) || pulumi.asset.Archive.isInstance(value)) return "$asset";
  if (typeof (value as { then?: unknown }).then === "function") return "$promise";
  const record = value as Record<string, unknown>;
  if (SECRET_SIG_KEY in record) return toJson(record.value);
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(record)) {
    if (item !== undefined) out[key] = toJson(item);
  }
  return out;
}

function asObject(value: Json): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** Dynamic resources carry their provider's serialized source (kilobytes); the name of its type is enough. */
function withoutProviderCode(inputs: JsonObject): JsonObject {
  if (!("__provider" in inputs)) return inputs;
  const { __provider: _code, ...rest } = inputs;
  return { ...rest, __provider: "$serialized-dynamic-provider" };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
}

export async function runProgram(program: () => Promise<Record<string, unknown>>): Promise<void> {
  const started = Date.now();
  const resultPath = process.env.LEDGERLINE_EVAL_RESULT ?? "";
  const repoRoot = process.env.LEDGERLINE_EVAL_REPO_ROOT ?? process.cwd();
  const errors: string[] = [];
  const resources: RecordedResource[] = [];
  const invokes: string[] = [];
  process.on("unhandledRejection", (error) => errors.push(describe(error)));
  process.on("uncaughtException", (error) => errors.push(describe(error)));

  const rpc = await startSstRpc(repoRoot);
  process.env.SST_SERVER = rpc.url;

  await pulumi.runtime.setMocks(
    {
      newResource: (args) => resourceState(args.type, args.name, args.inputs as Record<string, unknown>),
      call: (args) => {
        invokes.push(args.token);
        return invokeResult(args.token, args.inputs as Record<string, unknown>);
      },
    },
    $app.name,
    $app.stage,
    false,
  );
  // Record each registration as the engine receives it, options included (mocks.newResource sees no options).
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
  const register = monitor.registerResource.bind(monitor);
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResource = (request, callback) => {
    resources.push({
      urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
      type: request.getType(),
      name: request.getName(),
      parent: request.getParent(),
      custom: request.getCustom(),
      inputs: withoutProviderCode(asObject(toJson(pulumi.runtime.deserializeProperties(request.getObject())))),
      retainOnDelete: request.getRetainondelete(),
      protect: request.getProtect(),
      outputs: {},
    });
    register(request, callback);
  };
  // Components report what they expose (e.g. sst.aws.Nextjs's `_dev` block that `sst dev` reads) as outputs.
  monitor.registerResourceOutputs = (request, callback) => {
    const resource = resources.find((r) => r.urn === request.getUrn());
    if (resource) resource.outputs = asObject(toJson(pulumi.runtime.deserializeProperties(request.getOutputs())));
    registerOutputs(request, callback);
  };

  let outputs: JsonObject = {};
  try {
    outputs = asObject(toJson(await pulumi.runtime.runInPulumiStack(program)));
  } catch (error) {
    errors.push(describe(error));
  }
  // Resources created inside `apply` callbacks register after the stack's outputs resolve (e.g. a function's
  // code, once its bundle is zipped): drain Pulumi's RPC queue, as the language host does before exiting, and
  // then make sure nothing new registers.
  const { waitForRPCs } = pulumi.runtime as unknown as { waitForRPCs: () => Promise<void> };
  const sleep = (ms: number) => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms));
  const deadline = Date.now() + 60_000;
  let [seen, quiet] = [-1, 0];
  while (quiet < 3 && Date.now() < deadline) {
    // After a failure (a missing secret, say) some registrations wait forever on a rejected input: then
    // "quiet" is enough.
    const drained = await Promise.race([waitForRPCs().then(() => true), sleep(500)]);
    await sleep(100);
    if (resources.length === seen && (drained || errors.length > 0)) quiet += 1;
    else [seen, quiet] = [resources.length, 0];
  }
  if (quiet < 3) errors.push("The program did not settle within 60 s (pending Pulumi RPCs)");
  if (pulumi.log.hasErrors()) errors.push("Pulumi logged errors (see stderr)");

  const evaluation: Evaluation = {
    mode: $dev ? "dev" : "deploy",
    // `home` is not part of $app's type; evaluate() replaces this with what app() returned.
    app: { name: $app.name, stage: $app.stage, removal: $app.removal, protect: $app.protect, home: "" },
    resources,
    invokes,
    builds: rpc.builds,
    devTargets: rpc.devTargets,
    unknownRpc: rpc.unknownRpc,
    outputs,
    errors,
    durationMs: Date.now() - started,
  };
  writeFileSync(resultPath, JSON.stringify(evaluation, null, 1));
  await rpc.close();
  process.exit(0);
}
