/**
 * The user's identity at Cognito, reached with the user's own access token: GetUser for the email (access
 * tokens carry none) and DeleteUser for the account itself. Both are Cognito's self-service operations,
 * authorised by the token (scope aws.cognito.signin.user.admin), so the app needs no IAM permission on the pool.
 */
import { DeleteUserCommand, NotAuthorizedException, UserNotFoundException, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { userEmail } from "../auth-email";
import { UnauthenticatedError } from "../errors";

export type UserIdentity = {
  emailOf(accessToken: string): Promise<string>;
  /** Deletes the token's user; a user already gone counts as deleted. */
  deleteUser(accessToken: string): Promise<void>;
};

export function createCognitoIdentity(client: CognitoIdentityProviderClient): UserIdentity {
  return {
    emailOf: (accessToken) => userEmail(client, accessToken),
    async deleteUser(accessToken) {
      try {
        await client.send(new DeleteUserCommand({ AccessToken: accessToken }));
      } catch (error) {
        // A deletion that went through but whose answer was lost: repeating the request must still succeed.
        if (error instanceof UserNotFoundException) return;
        if (error instanceof NotAuthorizedException) throw new UnauthenticatedError("Your session has ended; sign in again.");
        throw error;
      }
    },
  };
}
