/**
 * Reads a browser POST upload (multipart/form-data) the way S3 does: the fields before the `file` part
 * decide, everything after it is ignored, and nothing is kept unless the policy allows it.
 */
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { S3Error } from "./s3-error";
import { checkContentLength, checkPostPolicy } from "./s3-post-policy";
import type { SecretLookup } from "./s3-sigv4";

/** S3 refuses forms whose fields before the file exceed 20 KB. */
const MAX_PRE_DATA_BYTES = 20 * 1024;
/** Without a content-length-range the file is held in memory: a local cap instead of S3's 5 GB. */
const LOCAL_MAX_FILE_BYTES = 1024 ** 3;

export type PostUpload = {
  key: string;
  /** Fields before the file, names lower-cased. */
  fields: ReadonlyMap<string, string>;
  body: Buffer;
};

export type PostUploadOptions = { bucket: string; secretFor: SecretLookup; now: Date };

export function isMultipartForm(req: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers["content-type"] ?? "");
}

/**
 * Resolves with the accepted upload, or rejects with the S3Error S3 would answer. Either way the
 * request body has been read to its end, so a browser gets the answer rather than a reset.
 */
export function receivePostUpload(req: IncomingMessage, opts: PostUploadOptions): Promise<PostUpload> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    let preDataBytes = 0;
    let failure: unknown;
    let grant: ReturnType<typeof checkPostPolicy> | undefined;
    let hasFile = false;
    let chunks: Buffer[] = [];
    let size = 0;

    const malformed = () => {
      req.resume();
      reject(new S3Error("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data."));
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { fieldSize: 10 * 1024 ** 2 } });
    } catch {
      malformed();
      return;
    }

    /** The file part: check the policy with the fields seen so far, then keep at most the allowed bytes. */
    const startFile = (filename: string | undefined) => {
      hasFile = true;
      try {
        if (preDataBytes > MAX_PRE_DATA_BYTES) {
          throw new S3Error("MaxPostPreDataLengthExceeded", 400, "Your POST request fields preceding the upload file were too large.");
        }
        grant = checkPostPolicy({ ...opts, fields, filename });
      } catch (error) {
        failure = error;
      }
    };
    const addBytes = (chunk: Buffer) => {
      size += chunk.length;
      if (failure || !grant) return;
      if (size <= (grant.contentLength?.max ?? LOCAL_MAX_FILE_BYTES)) chunks.push(chunk);
      else chunks = [];
    };

    parser.on("field", (name, value) => {
      if (hasFile) return;
      if (name.toLowerCase() === "file") {
        startFile(undefined);
        addBytes(Buffer.from(value, "utf8"));
        return;
      }
      preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      fields.set(name.toLowerCase(), value);
    });
    parser.on("file", (name, stream, info) => {
      if (hasFile || name.toLowerCase() !== "file") {
        stream.resume();
        return;
      }
      startFile(info.filename);
      stream.on("data", addBytes);
    });
    parser.on("error", () => {
      req.unpipe(parser);
      malformed();
    });
    parser.on("close", () => {
      try {
        if (failure) throw failure;
        if (!hasFile || !grant) {
          throw new S3Error("InvalidArgument", 400, "POST requires exactly one file upload per request.", {
            ArgumentName: "file",
            ArgumentValue: 0,
          });
        }
        checkContentLength(size, grant.contentLength ?? { min: 0, max: LOCAL_MAX_FILE_BYTES });
        resolve({ key: grant.key, fields, body: Buffer.concat(chunks) });
      } catch (error) {
        reject(error);
      }
    });
    req.pipe(parser);
  });
}
