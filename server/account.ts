/**
 * Account deletion of this deployment: the table and bucket from SST's `Resource` links, Cognito reached
 * with the user's own token (endpoint from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER locally, the region on
 * AWS), the write rate limit shared with the other writes.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { Resource } from "sst";
import { createCognitoIdentity } from "@/lib/account/cognito-identity";
import { createAccounts, type Accounts } from "@/lib/account/delete-account";
import { sharedDocumentClient } from "@/lib/dynamo-client";
import { sharedWriteWiring } from "./expenses";

let accounts: Accounts | undefined;

/** Built on first use, so importing a route never reads `Resource` (next build imports every route). */
export function accountsOfDeployment(): Accounts {
  if (accounts) return accounts;
  const { rateLimiter, files } = sharedWriteWiring();
  accounts = createAccounts({
    client: sharedDocumentClient(),
    tableName: Resource.Expenses.name,
    files,
    identity: createCognitoIdentity(new CognitoIdentityProviderClient({})),
    rateLimiter,
  });
  return accounts;
}
