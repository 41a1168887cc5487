import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

/** The local stage (npm run dev, tests) talks to emulators on loopback; a deployed stage never does. */
function isLocalStage(): boolean {
  const app = process.env.SST_RESOURCE_App;
  if (!app) return true;
  try {
    return (JSON.parse(app) as { stage?: string }).stage === "local";
  } catch {
    return false;
  }
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole project (tsc --noEmit) as its own step; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({ isDev: process.env.NODE_ENV !== "production", allowLocalEndpoints: isLocalStage() }),
      },
    ];
  },
};

export default nextConfig;
