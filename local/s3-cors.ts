/**
 * The bucket's CORS rule as S3 applies it: origins from the options, the methods and exposed headers
 * below (infra/storage.ts should declare the same), any request header.
 */
import { S3Error } from "./s3-error";

export const CORS_ALLOWED_METHODS = ["GET", "HEAD", "PUT", "POST"] as const;
export const CORS_EXPOSE_HEADERS = ["ETag"] as const;
export const CORS_MAX_AGE_SECONDS = 3000;

const VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

export type Headers = Record<string, string>;

function matches(origin: string | undefined, allowedOrigins: readonly string[]): origin is string {
  return origin !== undefined && (allowedOrigins.includes(origin) || allowedOrigins.includes("*"));
}

/** Headers S3 adds to a response for a request from an allowed origin; none for any other origin. */
export function corsHeaders(
  origin: string | undefined,
  method: string,
  allowedOrigins: readonly string[],
): Headers {
  if (!matches(origin, allowedOrigins) || !isAllowedMethod(method)) return {};
  const wildcard = !allowedOrigins.includes(origin);
  return {
    "access-control-allow-origin": wildcard ? "*" : origin,
    "access-control-expose-headers": CORS_EXPOSE_HEADERS.join(", "),
    "access-control-allow-methods": CORS_ALLOWED_METHODS.join(", "),
    "access-control-max-age": String(CORS_MAX_AGE_SECONDS),
    ...(wildcard ? {} : { "access-control-allow-credentials": "true" }),
    vary: VARY,
  };
}

/** The answer to an OPTIONS preflight; throws S3's error when the rule does not allow it. */
export function preflight(
  origin: string | undefined,
  requestMethod: string | undefined,
  requestHeaders: string | undefined,
  allowedOrigins: readonly string[],
): Headers {
  if (!origin) throw new S3Error("BadRequest", 400, "Insufficient information. Origin request header needed.");
  if (!requestMethod) throw new S3Error("BadRequest", 400, "Invalid Access-Control-Request-Method: null");
  const headers = corsHeaders(origin, requestMethod, allowedOrigins);
  if (!headers["access-control-allow-origin"]) {
    throw new S3Error(
      "AccessForbidden",
      403,
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, " +
        "request method / Access-Control-Request-Method or Access-Control-Request-Headers are not " +
        "whitelisted by the resource's CORS spec.",
      { Method: requestMethod, ResourceType: "OBJECT" },
    );
  }
  delete headers["access-control-expose-headers"];
  return requestHeaders ? { ...headers, "access-control-allow-headers": requestHeaders } : headers;
}

const isAllowedMethod = (method: string) => (CORS_ALLOWED_METHODS as readonly string[]).includes(method.toUpperCase());
