/**
 * This deployment's token verifier: the pool and client from SST's `Resource` links (SST_RESOURCE_* locally),
 * plus local Cognito's endpoint in the local stage only (server/local-mode.ts). lib/auth.ts holds the rules.
 */
import { Resource } from "sst";
import { localCognitoEndpoint } from "./local-mode";
import { rateLimiters } from "./rate-limits";
import { createAccessTokenVerifier, requireUser as requireUserWith, type AccessTokenVerifier, type AuthenticatedUser } from "@/lib/auth";
import { cachingVerifier } from "@/lib/verified-token-cache";

let verifier: AccessTokenVerifier | undefined;

/**
 * Built on first use, so importing a route never reads `Resource` (next build imports every route). A token's
 * signature is checked once per instance and remembered until it expires (lib/verified-token-cache.ts).
 */
function deploymentVerifier(): AccessTokenVerifier {
  verifier ??= cachingVerifier(
    createAccessTokenVerifier({
      userPoolId: Resource.UserPool.id,
      clientId: Resource.UserPoolClient.id,
      endpoint: localCognitoEndpoint(),
    }),
  );
  return verifier;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * The signed-in user of a request (userId = the verified access token's `sub`), or a 401. A read (GET, HEAD)
 * also spends one of the user's reads here, the one gate every read passes (429 past the limit); writes are
 * counted where they write, so an idempotent replay can be free.
 */
export async function requireUser(req: Request): Promise<AuthenticatedUser> {
  const user = await requireUserWith(req, deploymentVerifier());
  if (SAFE_METHODS.has(req.method)) await rateLimiters().reads.consume(user.userId);
  return user;
}
