/**
 * A stand-in project root for evaluating `sst deploy` without building the app: the repository's files
 * (symlinked, so relative paths in infra/ resolve as usual) plus a minimal OpenNext output of the shape
 * @opennextjs/aws 3.9 writes (`.open-next/open-next.output.json`, function bundles, assets, `.next/BUILD_ID`),
 * which is what sst.aws.Nextjs reads after its build step. The real build is checked by scripts/infra-check.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const NOT_LINKED = new Set([".open-next", ".next", ".sst", ".git"]);

/** open-next.output.json as @opennextjs/aws 3.9.9 writes it for an App Router app (captured from a real build). */
export const openNextOutputFixture = {
  edgeFunctions: {},
  origins: {
    s3: {
      type: "s3",
      originPath: "_assets",
      copy: [
        { from: ".open-next/assets", to: "_assets", cached: true, versionedSubDir: "_next" },
        { from: ".open-next/cache", to: "_cache", cached: false },
      ],
    },
    imageOptimizer: {
      type: "function",
      handler: "index.handler",
      bundle: ".open-next/image-optimization-function",
      streaming: false,
      imageLoader: "s3",
      wrapper: "aws-lambda",
      converter: "aws-apigw-v2",
    },
    default: {
      type: "function",
      handler: "index.handler",
      bundle: ".open-next/server-functions/default",
      streaming: false,
      wrapper: "aws-lambda",
      converter: "aws-apigw-v2",
      queue: "sqs",
      incrementalCache: "s3",
      tagCache: "dynamodb",
    },
  },
  behaviors: [
    { pattern: "_next/image*", origin: "imageOptimizer" },
    { pattern: "_next/data/*", origin: "default" },
    { pattern: "*", origin: "default" },
    { pattern: "BUILD_ID", origin: "s3" },
    { pattern: "_next/*", origin: "s3" },
  ],
  additionalProps: {
    warmer: { handler: "index.handler", bundle: ".open-next/warmer-function" },
    initializationFunction: { handler: "index.handler", bundle: ".open-next/dynamodb-provider" },
    revalidationFunction: { handler: "index.handler", bundle: ".open-next/revalidation-function" },
  },
};

const BUILD_ID = "fixture-build-id";

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

/** Creates the stand-in root in a fresh temporary directory and returns its path (the caller removes it). */
export function createSiteFixture(repoRoot: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "ledgerline-site-"));
  for (const entry of readdirSync(repoRoot)) {
    if (!NOT_LINKED.has(entry)) symlinkSync(path.join(repoRoot, entry), path.join(root, entry));
  }
  const handler = "export const handler = async () => ({ statusCode: 200 });\n";
  write(root, ".open-next/open-next.output.json", JSON.stringify(openNextOutputFixture));
  for (const fn of [
    "server-functions/default",
    "image-optimization-function",
    "revalidation-function",
    "dynamodb-provider",
    "warmer-function",
  ]) {
    write(root, `.open-next/${fn}/index.mjs`, handler);
  }
  write(root, ".open-next/assets/BUILD_ID", BUILD_ID);
  write(root, `.open-next/assets/_next/static/${BUILD_ID}/_buildManifest.js`, "self.__BUILD_MANIFEST={};\n");
  write(root, `.open-next/cache/${BUILD_ID}/index.cache`, "{}");
  write(root, ".next/BUILD_ID", BUILD_ID);
  write(root, ".next/routes-manifest.json", JSON.stringify({ version: 3, basePath: "" }));
  write(root, ".next/prerender-manifest.json", JSON.stringify({ version: 4, routes: {} }));
  return root;
}
