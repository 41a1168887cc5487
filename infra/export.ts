import { userPool, userPoolClient } from "./auth";
import { deployedRole } from "./roles";
import { router } from "./router";
import { table } from "./storage";

/** The path the Router sends to the export function (longer than the site's "/", so it wins). */
export const exportPath = "/api/export";

/**
 * The streaming CSV export (DESIGN.md "CSV", GET /api/export). functions/export.ts is wrapped in
 * `awslambda.streamifyResponse` and writes each Query page as it arrives, so memory does not grow with the
 * number of rows.
 *
 * Its function URL is public ("none": the default Router protection, which lets the browser's `Authorization`
 * header through to the function): the handler verifies the Cognito access token itself (aws-jwt-verify against
 * the pool's public JWKS), hence the links to the pool and its client, which need no IAM. It reads the table only;
 * no bucket, no secret.
 */
export const exportFunction = new sst.aws.Function("Export", {
  handler: "functions/export.handler",
  streaming: true,
  url: {
    router: {
      instance: router,
      path: exportPath,
      // CloudFront's origin read timeout is the longest wait for the first byte and then between two packets
      // (default 20 s, at most 60 s without a quota increase). The handler answers once it has verified the token
      // and read the first Query page, then writes page by page (1 MB each, well under a second to read), so 60 s
      // is ample slack for a cold start (JWKS fetch included) or a throttled page.
      readTimeout: "60 seconds",
    },
    authorization: "none",
    // The browser reaches it through the Router, on the site's own origin; no other origin may read it.
    cors: false,
  },
  link: [table, userPool, userPoolClient],
  // Lambda lets a streamed response run while the client reads it, up to this timeout. Reading a large history is
  // seconds (1 MB Query pages, ~2 MB/s streamed after the first 6 MB), but a phone on a slow link downloads tens of
  // MB in minutes; 10 minutes covers that with room, well under Lambda's 15-minute ceiling, and bounds what a
  // stalled client can hold.
  timeout: "10 minutes",
  // CPU is allotted in proportion to memory: CSV formatting and TLS are CPU-bound; memory itself stays flat.
  memory: "1024 MB",
  transform: deployedRole,
});
