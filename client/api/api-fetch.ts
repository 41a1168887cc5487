import { fetchAuthSession } from "aws-amplify/auth";
import type { z } from "zod";
import { ProblemSchema } from "@/lib/schemas";

/** One invalid field of a 422 problem (`path` is the body field, e.g. "amount"). */
export type ApiFieldError = { path: string; message: string };

/** A problem+json answer from our API, with the human text to show and, for a 422, the invalid fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: readonly ApiFieldError[] = [],
    /** The problem's type URI, when the answer named one. */
    readonly type?: string,
  ) {
    super(detail ?? title);
    this.name = "ApiError";
  }
}

/** Whatever part of a problem+json body is well-formed; a proxy's HTML error page yields nothing. */
const LenientProblemSchema = ProblemSchema.partial();

/** The current access token (Amplify refreshes it when it has expired); a 401 ApiError when signed out. */
export async function accessToken(): Promise<string> {
  const session = await fetchAuthSession();
  const token = session.tokens?.accessToken?.toString();
  if (!token) throw new ApiError(401, "Not signed in", "Sign in to continue.");
  return token;
}

/** Turns a failed answer into an ApiError with whatever part of its problem+json is well-formed. */
export async function problemOf(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => ({}));
  const parsed = LenientProblemSchema.safeParse(body);
  const problem = parsed.success ? parsed.data : {};
  return new ApiError(res.status, problem.title ?? `Request failed (${res.status})`, problem.detail, problem.errors ?? [], problem.type);
}

/** Calls our API with the current access token. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await accessToken();
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) throw await problemOf(res);
  return res;
}

/** Calls our API and parses the JSON answer with the schema the server's answer is documented by. */
export async function apiJson<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.output<S>> {
  const res = await apiFetch(path, init);
  return schema.parse(await res.json());
}
