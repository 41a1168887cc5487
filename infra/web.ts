import { userPool, userPoolClient } from "./auth";
import { exportFunction } from "./export";
import { importFunction } from "./imports";
import { router } from "./router";
import { cursorSecret } from "./secrets";
import { devOrigin } from "./stage";
import { bucket, table } from "./storage";

const region = aws.getRegionOutput().region;

/**
 * The Next.js app (OpenNext on Lambda) behind the Router. Linked to exactly what app/ and lib/ read through
 * `Resource` (infra/links.test.ts checks this against the code); the links grant the narrowed permissions of
 * infra/links.ts. Under `sst dev` nothing is deployed for it: `next dev` runs locally against the live resources.
 *
 * The Export link is for app/api/export/route.ts, which forwards /api/export to `Resource.Export.url` where the
 * Router does not (`sst dev`'s `next dev`); that URL is the Router's /api/export. SST's Function link also grants
 * lambda:InvokeFunction on that one function, which the site never uses (it calls the URL over HTTPS) and which
 * reaches nothing the public URL does not: the handler verifies the caller's token either way.
 *
 * The Import link is for server/imports.ts, which starts a commit or an undo with an asynchronous Invoke of
 * `Resource.Import.name`: the same link grants lambda:InvokeFunction on that one function, which is what it needs.
 */
export const site = new sst.aws.Nextjs("Web", {
  router: { instance: router },
  link: [table, bucket, userPool, userPoolClient, cursorSecret, exportFunction, importFunction],
  // Public values, inlined in the browser bundle at build time (and passed to `next dev`).
  environment: {
    NEXT_PUBLIC_USER_POOL_ID: userPool.id,
    NEXT_PUBLIC_USER_POOL_CLIENT_ID: userPoolClient.id,
    NEXT_PUBLIC_AWS_REGION: region,
  },
  // The OpenNext pinned in package.json (SST's default would `npx --yes` download its own version).
  buildCommand: "npx --no-install open-next build",
  // `npm run dev` starts the embedded local AWS (local/dev.ts); under `sst dev` we want plain `next dev`.
  dev: { command: "npx --no-install next dev --port 3000", url: devOrigin },
  transform: {
    // SST's function roles also trust the account root, so that `sst dev` can run `next dev` with the placeholder
    // DevServer's role. The deployed server is only ever assumed by Lambda: trust nothing else.
    server: (args) => {
      if ($dev) return;
      args.transform = {
        ...args.transform,
        role: (role) => {
          role.assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" });
        },
      };
    },
  },
});
