/**
 * Where local Cognito "sends" its codes. On AWS a password-reset or sign-up code is emailed; locally it is
 * logged and kept (latest per recipient) so a developer can read it in the terminal and e2e tests can fetch it.
 */
import type { Messages } from "cognito-local/lib/services/messages.js";

export type CodePurpose = "SignUp" | "ForgotPassword" | "ResendCode" | "AdminCreateUser" | "Authentication" | "UpdateUserAttribute" | "VerifyUserAttribute";

export type LocalCode = {
  /** The destination as Cognito addressed it (the email, or a phone number for SMS). */
  destination: string;
  code: string;
  purpose: CodePurpose;
  sentAt: string;
};

export type CodeBook = {
  latest(destination: string): LocalCode | undefined;
  /** cognito-local's message sink: records and logs instead of emailing. */
  messages: Messages;
};

const PURPOSE_TEXT: Record<CodePurpose, string> = {
  SignUp: "sign-up confirmation code",
  ResendCode: "sign-up confirmation code",
  ForgotPassword: "password reset code",
  AdminCreateUser: "temporary password",
  Authentication: "sign-in (MFA) code",
  UpdateUserAttribute: "verification code",
  VerifyUserAttribute: "verification code",
};

const key = (destination: string) => destination.trim().toLowerCase();

export function createCodeBook(log: (line: string) => void = (line) => console.info(line)): CodeBook {
  const codes = new Map<string, LocalCode>();
  return {
    latest: (destination) => codes.get(key(destination)),
    messages: {
      async deliver(_ctx, source, _clientId, _userPoolId, user, code, _clientMetadata, delivery) {
        // An auto-confirmed sign-up gets no code on AWS either (the PreSignUp trigger confirmed it).
        if (source === "SignUp" && user.UserStatus === "CONFIRMED") return;
        codes.set(key(delivery.Destination), {
          destination: delivery.Destination,
          code,
          purpose: source,
          sentAt: new Date().toISOString(),
        });
        log(`Local Cognito: ${PURPOSE_TEXT[source]} for ${delivery.Destination} is ${code}`);
      },
    },
  };
}
