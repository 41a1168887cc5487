import { fetchAuthSession } from "aws-amplify/auth";

/** A problem+json answer from our API, with the human text to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ?? title);
    this.name = "ApiError";
  }
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
    );
  }
  return res;
}

export async function apiJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}
