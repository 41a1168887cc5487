/**
 * The security headers. Pages get a Content-Security-Policy with a per-request nonce (proxy.ts) naming the
 * exact origins the browser talks to: the app itself, Cognito and the files bucket. Everything else — the API,
 * static files, and any page whose origins are unknown — gets one that allows nothing.
 */
export type Header = { key: string; value: string };

/** The origins a page may reach besides its own: Cognito (sign-in) and the bucket (uploads, receipt images). */
export type PageOrigins = { cognito: string; bucket: string };

/** Allows nothing: for responses that are not pages, and for pages when this deployment's origins are unknown. */
export const LOCKED_DOWN_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function pageCsp({ nonce, isDev, origins }: { nonce: string; isDev: boolean; origins: PageOrigins }): string {
  return [
    "default-src 'self'",
    // Next.js stamps the nonce on its own scripts; 'strict-dynamic' lets them load the chunks they import.
    // Dev mode also evaluates code for fast refresh.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // React and the charts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${origins.bucket}`,
    `connect-src 'self' ${origins.cognito} ${origins.bucket}${isDev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Every response's headers other than the CSP. */
export function baseSecurityHeaders(): Header[] {
  return [
    { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  ];
}
