import { describe, expect, it } from "vitest";
import { BadRequestError } from "../errors";
import { queryParams } from "./query";

describe("queryParams", () => {
  it("returns the decoded parameters", () => {
    expect(queryParams(new Request("http://localhost/api/expenses?q=caf%C3%A9&limit=7"))).toEqual({ q: "café", limit: "7" });
  });

  it("refuses a repeated parameter", () => {
    expect(() => queryParams(new Request("http://localhost/api/expenses?category=Food&category=Travel"))).toThrow(BadRequestError);
  });
});
