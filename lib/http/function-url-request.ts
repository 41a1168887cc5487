/**
 * A Lambda Function URL event (payload format 2.0) as the Fetch `Request` route handlers get, so a function
 * behind a URL authenticates and parses its query with the very code the API routes use.
 */
import { z } from "zod";

const FunctionUrlEventSchema = z.object({
  rawPath: z.string().default("/"),
  rawQueryString: z.string().default(""),
  headers: z.record(z.string(), z.string()).default({}),
  cookies: z.array(z.string()).optional(),
  requestContext: z.object({
    domainName: z.string().default("lambda-url.localhost"),
    requestId: z.string(),
    http: z.object({ method: z.string(), path: z.string().optional() }),
  }),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
});

export function functionUrlRequest(event: unknown): { request: Request; requestId: string } {
  const parsed = FunctionUrlEventSchema.parse(event);
  const url = `https://${parsed.requestContext.domainName}${parsed.rawPath}${parsed.rawQueryString ? `?${parsed.rawQueryString}` : ""}`;
  const method = parsed.requestContext.http.method.toUpperCase();
  const hasBody = parsed.body !== undefined && method !== "GET" && method !== "HEAD";
  const body = hasBody ? Buffer.from(parsed.body ?? "", parsed.isBase64Encoded ? "base64" : "utf8") : undefined;
  return { request: new Request(url, { method, headers: parsed.headers, body }), requestId: parsed.requestContext.requestId };
}
