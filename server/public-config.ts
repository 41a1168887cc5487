import { Resource } from "sst";
import { localCognitoEndpoint } from "./local-mode";

/** What the browser needs to talk to Cognito; read on the server at request time, never inlined at build. */
export type PublicAuthConfig = {
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** Set only in the local stage, against the embedded local Cognito (the browser then signs in with USER_PASSWORD_AUTH). */
  userPoolEndpoint?: string;
};

export function publicAuthConfig(env: NodeJS.ProcessEnv = process.env): PublicAuthConfig {
  const endpoint = localCognitoEndpoint();
  return {
    userPoolId: Resource.UserPool.id,
    userPoolClientId: Resource.UserPoolClient.id,
    region: env.AWS_REGION ?? env.NEXT_PUBLIC_AWS_REGION ?? "us-east-1",
    ...(endpoint ? { userPoolEndpoint: endpoint } : {}),
  };
}
