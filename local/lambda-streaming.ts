/**
 * The Lambda Node.js runtime's response-streaming globals, which plain Node lacks: `awslambda.streamifyResponse`
 * marks a handler as streaming, and `awslambda.HttpResponseStream.from` writes the HTTP prelude (status,
 * headers as JSON) and 8 NUL bytes ahead of the body, as the runtime does; a Function URL reads the prelude
 * back into the status line and headers. Installed before a streaming handler module is loaded.
 */
import { Writable } from "node:stream";

export const HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
const STREAMING = Symbol.for("aws.lambda.runtime.handler.streaming");
const PRELUDE_END = Buffer.alloc(8);

export type StreamingHandler = (event: unknown, responseStream: ResponseStream, context: object) => Promise<unknown>;

/** What the runtime hands a streaming handler: a Writable with a content type and a first-write hook. */
export class ResponseStream extends Writable {
  contentType = "application/octet-stream";
  private beforeFirstWrite: ((write: (chunk: Buffer) => void) => void) | undefined;
  private hasWritten = false;

  constructor(private readonly sink: (chunk: Buffer, contentType: string) => Promise<void>, private readonly onFinish: () => void) {
    super();
  }

  setContentType(contentType: string): void {
    this.contentType = contentType;
  }

  setBeforeFirstWrite(hook: (write: (chunk: Buffer) => void) => void): void {
    this.beforeFirstWrite = hook;
  }

  private async first(): Promise<void> {
    if (this.hasWritten) return;
    this.hasWritten = true;
    const pieces: Buffer[] = [];
    this.beforeFirstWrite?.((chunk) => pieces.push(chunk));
    if (pieces.length) await this.sink(Buffer.concat(pieces), this.contentType);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.first()
      .then(() => this.sink(Buffer.from(chunk), this.contentType))
      .then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.first()
      .then(() => this.onFinish())
      .then(() => callback(), callback);
  }
}

function from(stream: ResponseStream, prelude: Record<string, unknown>): ResponseStream {
  stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
  stream.setBeforeFirstWrite((write) => {
    write(Buffer.from(JSON.stringify(prelude)));
    write(PRELUDE_END);
  });
  return stream;
}

/**
 * Adds the two streaming globals to `globalThis.awslambda`, keeping what is there: the AWS SDK itself creates
 * an `awslambda` object (for its InvokeStore) as soon as it loads.
 */
export function installLambdaStreamingGlobals(): void {
  const existing: unknown = Reflect.get(globalThis, "awslambda");
  const target = typeof existing === "object" && existing !== null ? existing : {};
  if (!Reflect.has(target, "streamifyResponse")) {
    Reflect.set(target, "streamifyResponse", (handler: StreamingHandler) => Object.assign(handler, { [STREAMING]: "response" }));
  }
  if (!Reflect.has(target, "HttpResponseStream")) Reflect.set(target, "HttpResponseStream", { from });
  Reflect.set(globalThis, "awslambda", target);
}

export function isStreamingHandler(handler: unknown): handler is StreamingHandler {
  return typeof handler === "function" && Reflect.get(handler, STREAMING) === "response";
}

/** Splits the prelude off the first bytes of an http-integration response: [prelude JSON, rest] or undefined. */
export function splitPrelude(buffered: Buffer): [string, Buffer] | undefined {
  const at = buffered.indexOf(PRELUDE_END);
  return at < 0 ? undefined : [buffered.subarray(0, at).toString("utf8"), buffered.subarray(at + PRELUDE_END.length)];
}
