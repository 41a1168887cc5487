/** What every refused request must look like to its caller. Tests only. */
import { expect } from "vitest";
import { PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";

export type Answer = { status: number; headers: Headers; body: unknown };

/** A problem+json with this status (or any 4xx), holding none of `secrets`. */
export function expectProblem(answer: Answer, status: number | "4xx", secrets: readonly string[] = [], what = ""): void {
  if (status === "4xx") {
    expect(answer.status, what).toBeGreaterThanOrEqual(400);
    expect(answer.status, what).toBeLessThan(500);
  } else expect(answer.status, what).toBe(status);
  expect(answer.headers.get("content-type"), what).toBe(PROBLEM_CONTENT_TYPE);
  expect(answer.body, what).toMatchObject({ status: answer.status });
  expectNoSecrets(answer.body, secrets, what);
}

export function expectNoSecrets(body: unknown, secrets: readonly string[], what = ""): void {
  const text = typeof body === "string" ? body : JSON.stringify(body ?? null);
  for (const secret of secrets) expect(text, `${what}: leaks ${secret}`).not.toContain(secret);
}
