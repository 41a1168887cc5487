/**
 * This deployment's token verifier: the pool and client from SST's `Resource` links (SST_RESOURCE_* locally),
 * plus the SDK-native Cognito endpoint override that the local stack sets. lib/auth.ts holds the rules.
 */
import { Resource } from "sst";
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
      endpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER || undefined,
    }),
  );
  return verifier;
}

/** The signed-in user of a request (userId = the verified access token's `sub`), or a 401. */
export function requireUser(req: Request): Promise<AuthenticatedUser> {
  return requireUserWith(req, deploymentVerifier());
}
