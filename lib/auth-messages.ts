/** Turns Cognito/Amplify failures into sentences a person can act on. */
const MESSAGES: Record<string, string> = {
  NotAuthorizedException: "Incorrect email or password.",
  UserNotFoundException: "Incorrect email or password.",
  UsernameExistsException: "An account with this email already exists. Sign in instead.",
  InvalidPasswordException:
    "Choose a stronger password: at least 8 characters with upper- and lower-case letters, a number and a symbol.",
  CodeMismatchException: "That code is not right. Check the latest email and try again.",
  ExpiredCodeException: "That code has expired. Ask for a new one.",
  LimitExceededException: "Too many attempts. Wait a few minutes, then try again.",
  TooManyRequestsException: "Too many attempts. Wait a few minutes, then try again.",
  TooManyFailedAttemptsException: "Too many attempts. Wait a few minutes, then try again.",
  UserNotConfirmedException: "Confirm your email first: enter the code we sent you.",
  PasswordResetRequiredException: "Your password must be reset. Use “Forgot password?”.",
  NetworkError: "Can't reach the sign-in service. Check your connection and try again.",
  EmptySignInUsername: "Enter your email.",
  EmptySignInPassword: "Enter your password.",
  EmptySignUpUsername: "Enter your email.",
  EmptySignUpPassword: "Choose a password.",
  EmptyConfirmSignUpCode: "Enter the code from the email.",
  EmptyConfirmResetPasswordConfirmationCode: "Enter the code from the email.",
  EmptyConfirmResetPasswordNewPassword: "Choose a new password.",
  EmptyResetPasswordUsername: "Enter your email.",
  InvalidParameterException: "Check the email and password and try again.",
};

export function authErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name && MESSAGES[name]) return MESSAGES[name];
  if (error instanceof TypeError) return MESSAGES.NetworkError ?? "";
  return "Something went wrong. Please try again.";
}
