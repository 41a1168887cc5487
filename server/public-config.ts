import { Resource } from "sst";

/** What the browser needs to talk to Cognito; read on the server at request time, never inlined at build. */
export type PublicAuthConfig = {
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** Set only against the embedded local Cognito (an endpoint override). */
  userPoolEndpoint?: string;
};

export function publicAuthConfig(env: NodeJS.ProcessEnv = process.env): PublicAuthConfig {
  const endpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  return {
    userPoolId: Resource.UserPool.id,
    userPoolClientId: Resource.UserPoolClient.id,
    region: env.AWS_REGION ?? env.NEXT_PUBLIC_AWS_REGION ?? "us-east-1",
    ...(endpoint ? { userPoolEndpoint: endpoint } : {}),
  };
}
