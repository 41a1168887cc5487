import { describe, expect, it } from "vitest";
import { ApiError } from "./api-fetch";
import { fieldErrors } from "./field-errors";

describe("fieldErrors", () => {
  it("keeps the first message per field, as a sentence", () => {
    const error = new ApiError(422, "Invalid", undefined, [
      { path: "amount", message: "must be positive" },
      { path: "amount", message: "second" },
      { path: "date", message: "is not a date" },
    ]);
    expect(fieldErrors(error)).toEqual({ amount: "Must be positive", date: "Is not a date" });
  });

  it("is null for other failures", () => {
    expect(fieldErrors(new ApiError(412, "Stale"))).toBeNull();
    expect(fieldErrors(new ApiError(422, "Invalid"))).toBeNull();
    expect(fieldErrors(new TypeError("Failed to fetch"))).toBeNull();
  });
});
