import { describe, expect, it } from "vitest";
import { toProblem } from "../http/problem";
import { SettingsPutSchema } from "../schemas";
import { settingsUpdate, toSettings } from "./settings";

function fieldErrors(body: unknown): { path: string; message: string }[] {
  const parsed = SettingsPutSchema.safeParse(body);
  if (parsed.success) throw new Error("expected a validation failure");
  return toProblem(parsed.error, "test").errors as { path: string; message: string }[];
}

describe("SettingsPutSchema", () => {
  it("takes any subset of the settings", () => {
    expect(SettingsPutSchema.parse({ defaultCurrency: "JPY" })).toEqual({ defaultCurrency: "JPY" });
    expect(SettingsPutSchema.parse({ theme: "dark", locale: "de-DE", defaultCurrency: "EUR" })).toEqual({ theme: "dark", locale: "de-DE", defaultCurrency: "EUR" });
    expect(SettingsPutSchema.parse({ locale: null, theme: null })).toEqual({ locale: null, theme: null });
  });

  it.each([
    ["en-us", "en-US"],
    ["EN-gb", "en-GB"],
    ["zh-hant-tw", "zh-Hant-TW"],
    ["de-DE-u-co-phonebk", "de-DE-u-co-phonebk"],
  ])("stores the locale %s in its canonical form %s", (tag, canonical) => {
    expect(SettingsPutSchema.parse({ locale: tag }).locale).toBe(canonical);
  });

  it.each([
    [{ locale: "en_US" }, "locale"],
    [{ locale: "not a tag" }, "locale"],
    [{ locale: "" }, "locale"],
    [{ locale: "x".repeat(101) }, "locale"],
    [{ theme: "blue" }, "theme"],
    [{ defaultCurrency: "eur" }, "defaultCurrency"],
    [{ defaultCurrency: "XXY" }, "defaultCurrency"],
    [{ defaultCurrency: null }, "defaultCurrency"],
    [{ colour: "red" }, "colour"],
    [{}, "(body)"],
  ])("refuses %j naming %s", (body, path) => {
    expect(fieldErrors(body).map((e) => e.path)).toContain(path);
  });
});

describe("settings item", () => {
  it("reads the defaults when nothing is saved", () => {
    expect(toSettings(undefined)).toEqual({ defaultCurrency: "EUR" });
    expect(toSettings({ userId: "u", sk: "SET", updatedAt: "t" })).toEqual({ defaultCurrency: "EUR" });
  });

  it("reads what is saved and nothing else", () => {
    expect(toSettings({ userId: "u", sk: "SET", defaultCurrency: "JPY", locale: "ja-JP", theme: "dark", updatedAt: "t" })).toEqual({
      defaultCurrency: "JPY",
      locale: "ja-JP",
      theme: "dark",
    });
  });

  it("sets the fields sent, removes the nulls and leaves the rest alone", () => {
    expect(settingsUpdate({ defaultCurrency: "JPY", locale: null }, "2025-03-14T09:00:00.000Z")).toEqual({
      UpdateExpression: "SET #updatedAt = :updatedAt, #defaultCurrency = :defaultCurrency REMOVE #locale",
      ExpressionAttributeNames: { "#updatedAt": "updatedAt", "#defaultCurrency": "defaultCurrency", "#locale": "locale" },
      ExpressionAttributeValues: { ":updatedAt": "2025-03-14T09:00:00.000Z", ":defaultCurrency": "JPY" },
    });
  });
});
