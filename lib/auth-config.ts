/**
 * Where this deployment's pool and client come from: SST's `Resource` links (SST_RESOURCE_* locally), plus
 * the SDK-native Cognito endpoint override that the local stack sets. Kept apart so lib/auth.ts stays testable
 * without SST.
 */
import { Resource } from "sst";
import type { AccessTokenVerifierConfig } from "./auth";

export function accessTokenVerifierConfig(): AccessTokenVerifierConfig {
  return {
    userPoolId: Resource.UserPool.id,
    clientId: Resource.UserPoolClient.id,
    endpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER || undefined,
  };
}
