import { NextResponse, type NextRequest } from "next/server";
import { pageCspFor } from "@/server/page-csp";

/**
 * Every page gets a fresh script nonce: Next.js reads it from the request's CSP header and stamps it on the
 * scripts it renders; the layout hands it (x-nonce) to next-themes' inline script.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = await pageCspFor(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Pages only: the API and static files get next.config.ts's locked-down policy.
export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image|icon\\.svg$|manifest\\.webmanifest$).*)"],
};
