/**
 * The public endpoint of the local S3: in front of s3rver it adds what S3 enforces and s3rver does not
 * (SigV4 signatures, presigned expiry, POST policies, the bucket's CORS rule, a private bucket) and
 * delivers ObjectCreated events as a bucket notification would.
 */
import { randomBytes } from "node:crypto";
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { S3Event } from "aws-lambda";
import { corsHeaders, preflight, type Headers } from "./s3-cors";
import { S3Error, escapeXml } from "./s3-error";
import { objectCreatedEvent, type ObjectCreatedName } from "./s3-event";
import { isMultipartForm, receivePostUpload, type PostUpload } from "./s3-post-upload";
import { parseQuery, verifyRequestSignature, type SecretLookup } from "./s3-sigv4";

export type S3FrontOptions = {
  port?: number;
  /** s3rver's own endpoint, e.g. http://127.0.0.1:<port>. */
  upstream: string;
  /** The bucket whose CORS rule and notifications this front applies. */
  bucket: string;
  allowedOrigins: readonly string[];
  region: string;
  secretFor: SecretLookup;
  onObjectCreated?: (event: S3Event) => void | Promise<void>;
  now?: () => Date;
};

export type S3Front = { endpoint: string; close(): Promise<void> };

type Target = { bucket: string; key?: string };
type Upstream = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** Hop-by-hop headers are the front's own business, and `expect` was answered by this server already. */
const NOT_FORWARDED = new Set(["connection", "keep-alive", "expect", "te", "upgrade", "transfer-encoding", "proxy-connection"]);
/** A PUT with one of these is not a new object (UploadPart, PutObjectTagging, ...). */
const PUT_SUBRESOURCES = new Set(["uploadId", "partNumber", "tagging", "acl", "retention", "legal-hold"]);
/** Object metadata a POST form may set, as S3 stores it. */
const POST_METADATA = /^(content-type|cache-control|content-disposition|content-encoding|expires|x-amz-meta-.+|x-amz-storage-class|x-amz-website-redirect-location)$/;

export async function startS3Front(opts: S3FrontOptions): Promise<S3Front> {
  const now = opts.now ?? (() => new Date());
  const agent = new Agent({ keepAlive: true });
  const pending = new Set<Promise<void>>();
  let sequence = 0;
  /** stop() waits for deliveries in flight, so a test or dev shutdown sees every callback finish. */
  const track = (work: Promise<void>) => {
    const tracked = work.finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  /** Like a bucket notification: after the response, never failing the uploader. */
  const notify = (eventName: ObjectCreatedName, target: Required<Target>, req: IncomingMessage, requestId: string, object: { size: number; eTag: string }) => {
    const { onObjectCreated } = opts;
    if (!onObjectCreated || target.bucket !== opts.bucket) return;
    const event = objectCreatedEvent({
      eventName,
      ...target,
      ...object,
      region: opts.region,
      sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
      requestId,
      sequence: sequence++,
      now: now(),
    });
    track(
      Promise.resolve()
        .then(() => onObjectCreated(event))
        .catch((error: unknown) => console.error(`[local s3] onObjectCreated failed for ${target.key}:`, error)),
    );
  };

  const upstream = (method: string, path: string, headers: OutgoingHttpHeaders, body?: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const out = httpRequest(`${opts.upstream}${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      out.on("error", reject);
      out.end(body);
    });

  const objectPath = (target: Required<Target>) =>
    `/${encodeURIComponent(target.bucket)}/${target.key.split("/").map(encodeURIComponent).join("/")}`;

  /** Size and ETag as stored, for the event (s3rver's own events lack them for copies). */
  const describe = async (target: Required<Target>) => {
    const head = await upstream("HEAD", objectPath(target), {});
    return { size: Number(head.headers["content-length"] ?? 0), eTag: String(head.headers.etag ?? "").replace(/"/g, "") };
  };

  /**
   * s3rver ignores a PutObject's x-amz-tagging and a POST's `tagging` field, and keeps an overwritten object's
   * tags; S3 gives every new object exactly the tags it was sent with (none when none).
   */
  const setTags = async (target: Required<Target>, xml: string | undefined) => {
    const tagged = await upstream("PUT", `${objectPath(target)}?tagging`, { "content-type": "application/xml" }, Buffer.from(xml ?? EMPTY_TAGGING));
    if (tagged.status >= 300) throw new S3Error("InvalidTag", 400, "The tag set could not be stored.");
  };

  const handlePost = async (req: IncomingMessage, res: ServerResponse, cors: Headers, bucket: string, requestId: string) => {
    const upload = await receivePostUpload(req, { bucket, secretFor: opts.secretFor, now: now() });
    const target = { bucket, key: upload.key };
    const stored = await upstream("PUT", objectPath(target), storedHeaders(upload), upload.body);
    if (stored.status >= 300) {
      res.writeHead(stored.status, { ...pick(stored.headers, ["content-type"]), ...cors });
      res.end(stored.body);
      return;
    }
    await setTags(target, upload.fields.get("tagging"));
    const eTag = String(stored.headers.etag ?? "");
    const location = `http://${req.headers.host ?? "localhost"}${objectPath(target)}`;
    const status = upload.fields.get("success_action_status");
    const redirect = upload.fields.get("success_action_redirect") ?? upload.fields.get("redirect");
    const headers = { ...cors, etag: eTag, location };
    if (redirect && URL.canParse(redirect)) {
      const to = new URL(redirect);
      Object.entries({ bucket, key: upload.key, etag: eTag }).forEach(([k, v]) => to.searchParams.append(k, v));
      res.writeHead(303, { ...headers, location: to.href });
      res.end();
    } else if (status === "201") {
      res.writeHead(201, { ...headers, "content-type": "application/xml" });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${escapeXml(location)}</Location>` +
          `<Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(upload.key)}</Key><ETag>${escapeXml(eTag)}</ETag></PostResponse>`,
      );
    } else {
      res.writeHead(status === "200" ? 200 : 204, headers);
      res.end();
    }
    notify("ObjectCreated:Post", target, req, requestId, { size: upload.body.length, eTag: eTag.replace(/"/g, "") });
  };

  const proxy = (req: IncomingMessage, res: ServerResponse, cors: Headers, target: Target, query: string, requestId: string) =>
    new Promise<void>((resolve, reject) => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
      const created = createdBy(req, target, query);
      const out = httpRequest(`${opts.upstream}${req.url ?? "/"}`, { method: req.method, headers, agent }, async (up) => {
        if (created === "ObjectCreated:Put" && target.key !== undefined && (up.statusCode ?? 500) < 300) {
          const tagging = req.headers["x-amz-tagging"];
          try {
            await setTags({ bucket: target.bucket, key: target.key }, typeof tagging === "string" ? taggingXml(tagging) : undefined);
          } catch (error) {
            up.resume();
            reject(error);
            return;
          }
        }
        const upHeaders = Object.fromEntries(
          Object.entries(up.headers).filter(([name]) => !name.startsWith("access-control-") && !NOT_FORWARDED.has(name) && name !== "vary"),
        );
        res.writeHead(up.statusCode ?? 502, { ...upHeaders, ...cors });
        up.pipe(res);
        up.on("error", reject);
        res.on("close", () => resolve());
        // Stored once s3rver has answered, whether or not the client waits for the whole answer.
        up.on("end", () => {
          if (created && target.key !== undefined && (up.statusCode ?? 500) < 300) {
            const object = { bucket: target.bucket, key: target.key };
            track(
              describe(object)
                .then((stored) => notify(created, object, req, requestId, stored))
                .catch((error: unknown) => console.error("[local s3] could not describe a new object:", error)),
            );
          }
        });
      });
      out.on("error", reject);
      req.pipe(out);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const url = req.url ?? "/";
    const [path = "/", query = ""] = splitOnce(url, "?");
    const method = (req.method ?? "GET").toUpperCase();
    const origin = req.headers.origin;
    const cors = corsHeaders(origin, method, opts.allowedOrigins);
    try {
      if (method === "OPTIONS") {
        const allowed = preflight(
          origin,
          req.headers["access-control-request-method"],
          req.headers["access-control-request-headers"],
          opts.allowedOrigins,
        );
        res.writeHead(200, allowed);
        res.end();
        return;
      }
      const target = parseTarget(path);
      if (method === "POST" && target && target.key === undefined && query === "" && isMultipartForm(req)) {
        await handlePost(req, res, cors, target.bucket, requestId);
        return;
      }
      verifyRequestSignature({ method, path, query, headers: req.headers }, opts.secretFor, now());
      await proxy(req, res, cors, target ?? { bucket: "" }, query, requestId);
    } catch (error) {
      sendError(req, res, error, cors, requestId);
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`local S3 cannot start: port ${opts.port} is busy`) : error),
    );
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, cors: Headers, requestId: string): void {
  const s3Error =
    error instanceof S3Error ? error : new S3Error("InternalError", 500, "We encountered an internal error. Please try again.");
  if (!(error instanceof S3Error)) console.error("[local s3] internal error:", error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Whatever of the body was not read is drained, so the client sees the answer, not a reset.
  if (!req.readableEnded) req.resume();
  const body = req.method === "HEAD" ? "" : s3Error.toXml(requestId);
  res.writeHead(s3Error.status, { ...cors, "content-type": "application/xml", "x-amz-request-id": requestId });
  res.end(body);
}

/** Path-style only: `/<bucket>` or `/<bucket>/<key>`; undefined for `/` (ListBuckets). */
function parseTarget(path: string): Target | undefined {
  const [bucket = "", key] = splitOnce(path.slice(1), "/");
  if (!bucket) return undefined;
  try {
    return { bucket: decodeURIComponent(bucket), key: key ? decodeURIComponent(key) : undefined };
  } catch {
    throw new S3Error("InvalidURI", 400, "Couldn't parse the specified URI.");
  }
}

function createdBy(req: IncomingMessage, target: Target, query: string): ObjectCreatedName | undefined {
  if (target.key === undefined) return undefined;
  const names = parseQuery(query).map(([name]) => name);
  if (req.method === "PUT" && !names.some((name) => PUT_SUBRESOURCES.has(name))) {
    return req.headers["x-amz-copy-source"] ? "ObjectCreated:Copy" : "ObjectCreated:Put";
  }
  if (req.method === "POST" && names.includes("uploadId")) return "ObjectCreated:CompleteMultipartUpload";
  return undefined;
}

const EMPTY_TAGGING = "<Tagging><TagSet/></Tagging>";

/** PutObject's x-amz-tagging (`key1=value1&key2=value2`, URL-encoded) as PutObjectTagging's XML. */
export function taggingXml(header: string): string {
  const tags = [...new URLSearchParams(header)].map(([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`);
  return `<Tagging><TagSet>${tags.join("")}</TagSet></Tagging>`;
}

function storedHeaders(upload: PostUpload): OutgoingHttpHeaders {
  const metadata = [...upload.fields].filter(([name]) => POST_METADATA.test(name));
  return { ...Object.fromEntries(metadata), "content-length": upload.body.length };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

const pick = (headers: IncomingHttpHeaders, names: string[]) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => names.includes(name)));

