import { accountsOfDeployment } from "@/server/account";
import { requireUser } from "@/server/auth";
import { readJsonBody } from "@/lib/http/body";
import { noContent } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { DeleteAccountRequestSchema } from "@/lib/schemas";

/** DELETE /api/account { confirmEmail } -> 204: every item, file and the sign-in of the user are gone. */
export const DELETE = withProblem(async (req) => {
  const user = await requireUser(req);
  const request = DeleteAccountRequestSchema.parse(await readJsonBody(req));
  await accountsOfDeployment().deleteAccount(user, request);
  return noContent();
});
