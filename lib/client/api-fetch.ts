import { fetchAuthSession } from "aws-amplify/auth";

/** One invalid field of a 422 problem (`path` is the body field, e.g. "amount"). */
export type ApiFieldError = { path: string; message: string };

/** A problem+json answer from our API, with the human text to show and, for a 422, the invalid fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: readonly ApiFieldError[] = [],
  ) {
    super(detail ?? title);
    this.name = "ApiError";
  }
}

function fieldErrorsOf(value: unknown): ApiFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return [];
    const { path, message } = entry as Record<string, unknown>;
    return typeof path === "string" && typeof message === "string" ? [{ path, message }] : [];
  });
}

/** Calls our API with the current access token (Amplify refreshes it when it has expired). */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const session = await fetchAuthSession();
  const token = session.tokens?.accessToken?.toString();
  if (!token) throw new ApiError(401, "Not signed in", "Sign in to continue.");
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => ({}));
    const problem = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    throw new ApiError(
      res.status,
      typeof problem.title === "string" ? problem.title : `Request failed (${res.status})`,
      typeof problem.detail === "string" ? problem.detail : undefined,
      fieldErrorsOf(problem.errors),
    );
  }
  return res;
}

export async function apiJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}
