/**
 * The part of SST's CLI that components call while run() executes (over HTTP at $SST_SERVER, see
 * .sst/platform/src/components/rpc/rpc.ts): function builds, the bootstrap asset bucket, AppSync for live
 * Lambda. Emulated for the offline evaluation, recording which functions SST would build and what they link.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Json, JsonObject, RecordedFunction } from "./evaluation";
import { mockAccount, mockRegion } from "./mock-cloud";

type BuildInput = {
  functionID?: string;
  handler?: string;
  bundle?: string;
  runtime?: string;
  links?: Record<string, unknown>;
  /** `nodejs` (with `install` as a map, package -> version or "*") and `architecture`. */
  properties?: { install?: Record<string, string> };
  dev?: boolean;
};

/**
 * The versions SST's CLI installs for `nodejs.install` (resolveInstallVersion in pkg/runtime/node/build.go):
 * the one given, else the dependency's range in the package.json, else "*".
 */
function installVersions(install: Record<string, string> | undefined, repoRoot: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return Object.fromEntries(
    Object.entries(install ?? {}).map(([name, version]) => [name, version && version !== "*" ? version : (pkg.dependencies?.[name] ?? "*")]),
  );
}

function recordFunction(input: BuildInput, repoRoot: string): RecordedFunction {
  return {
    functionID: input.functionID ?? "",
    handler: input.handler ?? null,
    bundle: input.bundle ?? null,
    runtime: input.runtime ?? null,
    links: Object.keys(input.links ?? {}).sort(),
    install: installVersions(input.properties?.install, repoRoot),
    dev: input.dev === true,
  };
}

const HANDLER_EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"];

/**
 * SST's `Runtime.Build`: a function given as a `bundle` (OpenNext's output) is used as is; a `handler` such as
 * `functions/export.handler` must name a file that exists in the repository (SST would fail to bundle it).
 */
function build(input: BuildInput, repoRoot: string): JsonObject {
  if (input.bundle) return { handler: input.handler ?? "index.handler", out: input.bundle, errors: [], sourcemaps: [] };
  const handler = input.handler ?? "";
  const file = handler.slice(0, handler.lastIndexOf("."));
  const found = HANDLER_EXTENSIONS.some((ext) => existsSync(path.join(repoRoot, file + ext)));
  if (!found) return { handler, out: "", errors: [`Could not find a file for handler "${handler}"`], sourcemaps: [] };
  const out = path.join($cli.paths.work, "artifacts", `${input.functionID ?? "function"}-src`);
  mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  writeFileSync(path.join(out, `${file}.mjs`), "export const handler = async () => {};\n");
  return { handler, out, errors: [], sourcemaps: [] };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  return body;
}

export type SstRpc = {
  url: string;
  builds: RecordedFunction[];
  devTargets: RecordedFunction[];
  /** Methods called that this emulation does not know (the tests expect none). */
  unknownRpc: string[];
  close(): Promise<void>;
};

export async function startSstRpc(repoRoot: string): Promise<SstRpc> {
  const builds: RecordedFunction[] = [];
  const devTargets: RecordedFunction[] = [];
  const unknownRpc: string[] = [];
  const appsync = { http: `mock.appsync-api.${mockRegion}.amazonaws.com`, realtime: `mock.appsync-realtime-api.${mockRegion}.amazonaws.com` };

  function answer(method: string, input: BuildInput): { result: Json; error: string | null } {
    switch (method) {
      case "Runtime.Build":
        builds.push(recordFunction(input, repoRoot));
        return { result: build(input, repoRoot), error: null };
      case "Runtime.AddTarget": {
        // `sst dev` runs live functions locally; their handler must exist all the same.
        devTargets.push(recordFunction(input, repoRoot));
        const errors = build(input, repoRoot).errors;
        return { result: null, error: Array.isArray(errors) && errors.length > 0 ? errors.join("\n") : null };
      }
      case "Provider.Aws.Bootstrap":
        return {
          result: {
            asset: "sst-asset-mock",
            assetEcrRegistryId: mockAccount,
            assetEcrUrl: `${mockAccount}.dkr.ecr.${mockRegion}.amazonaws.com/sst-asset`,
            state: "sst-state-mock",
            appsyncHttp: appsync.http,
            appsyncRealtime: appsync.realtime,
          },
          error: null,
        };
      case "Provider.Aws.Appsync":
        return { result: appsync, error: null };
      default:
        unknownRpc.push(method);
        return { result: null, error: `rpc: can't find method ${method}` };
    }
  }

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const call = JSON.parse(body) as { method: string; params: BuildInput[] };
      // One connection per call: Node's global agent keeps sockets alive, and a call that reuses one just as the
      // server drops it for idleness (keepAliveTimeout, 5 s) fails with ECONNRESET — seen on a loaded machine.
      response.writeHead(200, { "content-type": "application/json", connection: "close" });
      response.end(JSON.stringify(answer(call.method, call.params[0] ?? {})));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    builds,
    devTargets,
    unknownRpc,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
