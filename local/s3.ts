import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import S3rver from "s3rver";
import { startS3Front } from "./s3-front";
import { hardenS3rverStore } from "./s3-store";
import type { RunningService, S3Options } from "./types";

/** s3rver's only account; every local S3 client signs with it (not a secret). */
export const S3_LOCAL_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
const REGION = "us-east-1";

/**
 * Starts s3rver on an internal port with `opts.bucket`, behind the front that is the public endpoint
 * (opts.port or a free port). Clients need forcePathStyle, the S3RVER credentials and
 * `requestChecksumCalculation`/`responseChecksumValidation: "WHEN_REQUIRED"`.
 */
export async function startS3(opts: S3Options): Promise<RunningService> {
  const dir = opts.dir ? resolve(opts.dir) : await mkdtemp(join(tmpdir(), "ledgerline-s3-"));
  await mkdir(dir, { recursive: true });
  hardenS3rverStore();
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory: dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: opts.bucket, configs: [] }],
  });
  const removeTemp = () => (opts.dir ? Promise.resolve() : rm(dir, { recursive: true, force: true }));
  try {
    const { port } = await s3rver.run();
    const front = await startS3Front({
      port: opts.port,
      upstream: `http://127.0.0.1:${port}`,
      bucket: opts.bucket,
      allowedOrigins: opts.allowedOrigins,
      region: REGION,
      secretFor: (id) => (id === S3_LOCAL_CREDENTIALS.accessKeyId ? S3_LOCAL_CREDENTIALS.secretAccessKey : undefined),
      onObjectCreated: opts.onObjectCreated,
    });
    return {
      endpoint: front.endpoint,
      stop: async () => {
        await front.close();
        await s3rver.close();
        await removeTemp();
      },
    };
  } catch (error) {
    await s3rver.close().catch(() => undefined);
    await removeTemp();
    throw error;
  }
}
