import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { requireUser } from "@/server/auth";
import { userEmail } from "@/lib/auth-email";
import { withProblem } from "@/lib/http/problem";
import type { Me } from "@/lib/schemas";

// Region and endpoint come from the environment (AWS_REGION; AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER locally).
const cognito = new CognitoIdentityProviderClient({});

/** GET /api/me -> { userId, email } of the signed-in user. */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  const me: Me = { userId: user.userId, email: await userEmail(cognito, user.accessToken) };
  return Response.json(me, { headers: { "cache-control": "private, no-store" } });
});
