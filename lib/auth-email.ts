import {
  GetUserCommand,
  NotAuthorizedException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { UnauthenticatedError } from "./errors";

/**
 * The signed-in user's email. Cognito access tokens carry no email, so Cognito is asked (GetUser) with the
 * user's own, already verified access token. A token Cognito no longer honours (signed out everywhere, user
 * deleted) is unauthenticated; anything else is our failure.
 */
export async function userEmail(client: CognitoIdentityProviderClient, accessToken: string): Promise<string> {
  try {
    const user = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    const email = user.UserAttributes?.find((attribute) => attribute.Name === "email")?.Value;
    if (!email) throw new Error("Cognito user has no email attribute");
    return email;
  } catch (error) {
    if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) {
      throw new UnauthenticatedError("Your session has ended; sign in again.");
    }
    throw error;
  }
}
