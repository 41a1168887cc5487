import { randomUUID } from "node:crypto";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./stack";

export type TestUser = { email: string; password: string; userId: string; accessToken: string; idToken: string };

/**
 * Signs a fresh user up on the local Cognito (auto-confirmed, as the local front does) and signs it in,
 * so tests act with a real access token. Reads the stack from the environment the global setup exported.
 */
export async function createTestUser(env: Record<string, string | undefined> = process.env): Promise<TestUser> {
  const endpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  const clientJson = env.SST_RESOURCE_UserPoolClient;
  if (!endpoint || !clientJson) throw new Error("createTestUser needs the local stack's environment");
  const clientId = (JSON.parse(clientJson) as { id: string }).id;
  const cognito = new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const email = `user-${randomUUID()}@example.com`;
  const password = "Test-passw0rd!";
  const signUp = await cognito.send(
    new SignUpCommand({ ClientId: clientId, Username: email, Password: password, UserAttributes: [{ Name: "email", Value: email }] }),
  );
  const auth = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  cognito.destroy();
  const accessToken = auth.AuthenticationResult?.AccessToken;
  const idToken = auth.AuthenticationResult?.IdToken;
  if (!signUp.UserSub || !accessToken || !idToken) throw new Error(`could not sign in test user ${email}`);
  return { email, password, userId: signUp.UserSub, accessToken, idToken };
}
