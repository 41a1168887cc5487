import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/openapi.json", () => {
  it("serves the OpenAPI 3.1 document with a request id, cacheable by anyone", async () => {
    const res = await GET(new Request("http://localhost/api/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const document = (await res.json()) as { openapi: string; components: { schemas: Record<string, unknown> } };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(["Expense", "NewExpense", "ExpensePatch", "ExpenseList", "Summary", "Problem"]));
  });
});
