/** Security headers for every response (the CSP allows the AWS endpoints the browser talks to). */
export function securityHeaders(options: { isDev: boolean; allowLocalEndpoints: boolean }): { key: string; value: string }[] {
  const local = options.allowLocalEndpoints ? " http://localhost:* http://127.0.0.1:*" : "";
  const csp = [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; dev mode also evaluates code for fast refresh.
    `script-src 'self' 'unsafe-inline'${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https://*.amazonaws.com${local}`,
    `connect-src 'self' https://*.amazonaws.com${local}${options.isDev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  ];
}
