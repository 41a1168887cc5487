/**
 * This deployment's token verifier: the pool and client from SST's `Resource` links (SST_RESOURCE_* locally),
 * plus local Cognito's endpoint in the local stage only (server/local-mode.ts). lib/auth.ts holds the rules.
 */
import { Resource } from "sst";
import { localCognitoEndpoint } from "./local-mode";
import { createAccessTokenVerifier, requireUser as requireUserWith, type AccessTokenVerifier, type AuthenticatedUser } from "@/lib/auth";

let verifier: AccessTokenVerifier | undefined;

/** Built on first use, so importing a route never reads `Resource` (next build imports every route). */
function deploymentVerifier(): AccessTokenVerifier {
  verifier ??= createAccessTokenVerifier({
    userPoolId: Resource.UserPool.id,
    clientId: Resource.UserPoolClient.id,
    endpoint: localCognitoEndpoint(),
  });
  return verifier;
}

/** The signed-in user of a request (userId = the verified access token's `sub`), or a 401. */
export function requireUser(req: Request): Promise<AuthenticatedUser> {
  return requireUserWith(req, deploymentVerifier());
}
