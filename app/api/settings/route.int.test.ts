import { beforeAll, describe, expect, it } from "vitest";
import { localStackEnv } from "@/local/test-stack";
import type { Problem, Settings } from "@/lib/schemas";
import { createTestUser } from "@/local/test-users";
import { apiAs, type Api } from "../expenses/test-client";

let anonymous: Api;

beforeAll(() => {
  localStackEnv();
  anonymous = apiAs(null);
});

const newUserApi = async () => apiAs((await createTestUser()).accessToken);

describe("settings API", () => {
  it("answers the defaults before anything is saved", async () => {
    const api = await newUserApi();
    const res = await api.get<Settings>("/api/settings");
    expect(res).toMatchObject({ status: 200, body: { defaultCurrency: "EUR" } });
    expect(res.body).toEqual({ defaultCurrency: "EUR" });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("sets the fields sent and keeps the others; null clears", async () => {
    const api = await newUserApi();
    expect((await api.put<Settings>("/api/settings", { defaultCurrency: "JPY", locale: "ja-jp", theme: "dark" })).body).toEqual({
      defaultCurrency: "JPY",
      locale: "ja-JP",
      theme: "dark",
    });
    expect((await api.put<Settings>("/api/settings", { theme: "light" })).body).toEqual({ defaultCurrency: "JPY", locale: "ja-JP", theme: "light" });
    expect((await api.put<Settings>("/api/settings", { locale: null })).body).toEqual({ defaultCurrency: "JPY", theme: "light" });
    expect((await api.get<Settings>("/api/settings")).body).toEqual({ defaultCurrency: "JPY", theme: "light" });
  });

  it.each([
    [{ locale: "en_US" }, "locale"],
    [{ theme: "sepia" }, "theme"],
    [{ defaultCurrency: "ABC" }, "defaultCurrency"],
    [{ userId: "someone" }, "userId"],
    [{}, "(body)"],
  ])("refuses %j with a 422 naming %s and changes nothing", async (body, path) => {
    const api = await newUserApi();
    await api.put("/api/settings", { defaultCurrency: "USD" });
    const res = await api.put<Problem>("/api/settings", body);
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    expect((await api.get<Settings>("/api/settings")).body).toEqual({ defaultCurrency: "USD" });
  });

  it("refuses a body that is not JSON (400) or not sent as JSON (415)", async () => {
    const api = await newUserApi();
    expect((await api.request("PUT", "/api/settings", { body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await api.request("PUT", "/api/settings", { body: "theme=dark", headers: { "content-type": "text/plain" } })).status).toBe(415);
  });

  it("keeps each user's settings their own", async () => {
    const [alice, bob] = await Promise.all([newUserApi(), newUserApi()]);
    await alice.put("/api/settings", { defaultCurrency: "GBP", theme: "dark" });
    expect((await bob.get<Settings>("/api/settings")).body).toEqual({ defaultCurrency: "EUR" });
    await bob.put("/api/settings", { defaultCurrency: "CHF" });
    expect((await alice.get<Settings>("/api/settings")).body).toEqual({ defaultCurrency: "GBP", theme: "dark" });
  });

  it.each(["GET", "PUT"])("asks to sign in on %s without a token", async (method) => {
    const res = await anonymous.request<Problem>(method, "/api/settings", method === "PUT" ? { json: { theme: "dark" } } : {});
    expect(res.status).toBe(401);
  });
});
