import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { requireUser } from "@/server/auth";
import { userEmail } from "@/lib/auth-email";
import { withProblem } from "@/lib/http/problem";

// Region and endpoint come from the environment (AWS_REGION; AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER locally).
const cognito = new CognitoIdentityProviderClient({});

/** GET /api/me -> { userId, email } of the signed-in user. */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  const email = await userEmail(cognito, user.accessToken);
  return Response.json({ userId: user.userId, email }, { headers: { "cache-control": "private, no-store" } });
});
