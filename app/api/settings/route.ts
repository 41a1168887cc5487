import { requireUser } from "@/server/auth";
import { settingsOf } from "@/server/expenses";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { SettingsPutSchema } from "@/lib/schemas";

/** GET /api/settings -> { defaultCurrency, locale?, theme? } (defaultCurrency EUR until one is saved). */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  return jsonResponse(await settingsOf(user.userId).get());
});

/** PUT /api/settings { defaultCurrency?, locale?, theme? } -> the settings; fields not sent are kept, null clears. */
export const PUT = withProblem(async (req) => {
  const user = await requireUser(req);
  const patch = SettingsPutSchema.parse(await readJsonBody(req));
  return jsonResponse(await settingsOf(user.userId).update(patch));
});
