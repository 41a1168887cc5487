import "./links";
import { isProduction } from "./stage";

/**
 * Cognito's own default policy, which the sign-up form's message describes (lib/auth-messages.ts):
 * at least 8 characters with lower- and upper-case letters, a number and a symbol.
 */
export const passwordPolicy = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
};

/** Email is the username; Cognito emails a code to verify it before the first sign-in. */
export const userPool = new sst.aws.CognitoUserPool("UserPool", {
  usernames: ["email"],
  verify: {
    emailSubject: "Your Ledgerline verification code",
    emailMessage: "Your Ledgerline verification code is {####}",
  },
  transform: {
    userPool: (args, opts) => {
      args.passwordPolicy = passwordPolicy;
      // Email only: SST's default also offers SMS recovery, which this pool has no phone numbers for.
      args.accountRecoverySetting = { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] };
      // A changed email stays unverified (and unused for sign-in) until its code is entered.
      args.userAttributeUpdateSettings = { attributesRequireVerificationBeforeUpdates: ["email"] };
      args.deletionProtection = isProduction ? "ACTIVE" : "INACTIVE";
      // `removal: "retain"` does not cover user pools; the accounts are data, keep them.
      if (isProduction) opts.retainOnDelete = true;
    },
  },
});

/**
 * The browser's app client: a public client (no secret), password sign-in over USER_PASSWORD_AUTH (what the
 * local cognito-local supports) or SRP, and refresh. No hosted UI, so no OAuth flows and no callback URL
 * (SST's defaults enable the implicit flow with https://example.com as the callback).
 */
export const userPoolClient = userPool.addClient("UserPoolClient", {
  transform: {
    client: (args) => {
      args.generateSecret = false;
      args.explicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
      args.allowedOauthFlowsUserPoolClient = false;
      args.allowedOauthFlows = [];
      args.allowedOauthScopes = [];
      args.callbackUrls = [];
      args.supportedIdentityProviders = ["COGNITO"];
      // "Incorrect email or password" for both unknown users and wrong passwords: no account-existence oracle.
      args.preventUserExistenceErrors = "ENABLED";
      // Sign-out revokes the refresh token (and the access tokens issued from it).
      args.enableTokenRevocation = true;
      args.accessTokenValidity = 1;
      args.idTokenValidity = 1;
      args.refreshTokenValidity = 30;
      args.tokenValidityUnits = { accessToken: "hours", idToken: "hours", refreshToken: "days" };
      args.authSessionValidity = 3;
    },
  },
});
