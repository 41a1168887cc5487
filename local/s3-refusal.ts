import { S3Error } from "./s3-error";

/** For tests: runs a check that must refuse, and returns the S3Error it threw. */
export function refusal(run: () => unknown): S3Error {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error("expected an S3Error");
}
