import { beforeAll, describe, expect, it } from "vitest";
import { localStackEnv } from "@/local/test-stack";
import { createTestUser } from "@/local/test-users";
import type { Problem } from "@/lib/schemas";
import { apiAs } from "./expenses/test-client";

beforeAll(() => {
  localStackEnv();
  // An operator's typo: not a number.
  process.env.LEDGERLINE_READ_LIMIT = "lots";
});

describe("a misconfigured deployment", () => {
  it("answers 500 with a generic title, never a 422 that blames the request or names the setting", async () => {
    const api = apiAs((await createTestUser()).accessToken);
    const res = await api.get<Problem>("/api/expenses");
    expect(res.status).toBe(500);
    expect(res.body.title).toBe("Something went wrong on our side");
    expect(JSON.stringify(res.body)).not.toMatch(/LEDGERLINE|READ_LIMIT|lots/);
  });
});
