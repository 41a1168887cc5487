import type { NextConfig } from "next";
import { baseSecurityHeaders, LOCKED_DOWN_CSP } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The deploy build type-checks. `npm test` runs tsc itself first and sets this, so its build does not repeat it.
  typescript: { ignoreBuildErrors: process.env.LEDGERLINE_TYPECHECKED === "1" },
  async headers() {
    const lockedDown = [{ key: "Content-Security-Policy", value: LOCKED_DOWN_CSP }];
    return [
      { source: "/:path*", headers: baseSecurityHeaders() },
      // Pages get theirs, with a nonce, from proxy.ts.
      { source: "/api/:path*", headers: lockedDown },
      { source: "/_next/:path*", headers: lockedDown },
      { source: "/:file(icon\\.svg|manifest\\.webmanifest)", headers: lockedDown },
    ];
  },
};

export default nextConfig;
