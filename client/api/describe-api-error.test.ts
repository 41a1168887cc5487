import { describe, expect, it } from "vitest";
import { ApiError } from "./api-fetch";
import { describeApiError } from "./describe-api-error";

const TYPES = "https://ledgerline.dev/problems/";

describe("describeApiError", () => {
  it("asks to sign in again after a 401, but says so when the account was deleted", () => {
    expect(describeApiError(new ApiError(401, "Not signed in", "The access token has expired.", [], `${TYPES}unauthenticated`), "saving")).toBe(
      "Your session has ended. Sign in again to continue.",
    );
    expect(describeApiError(new ApiError(401, "Account deleted", "This account has been deleted. Sign up again to keep using Ledgerline.", [], `${TYPES}account-closed`), "saving")).toBe(
      "This account has been deleted. Sign up again to keep using Ledgerline.",
    );
  });

  it("names the action for a 429, a 5xx and a request that never got an answer; shows the detail otherwise", () => {
    expect(describeApiError(new ApiError(429, "Too many requests"), "saving the theme")).toBe("Too many changes in a short time. Wait a moment, then try saving the theme again.");
    expect(describeApiError(new ApiError(503, "Unavailable"), "saving the theme")).toBe("Something went wrong on our side while saving the theme. Please try again.");
    expect(describeApiError(new TypeError("Failed to fetch"), "saving the theme")).toBe("We could not reach Ledgerline while saving the theme. Check your connection and try again.");
    expect(describeApiError(new ApiError(409, "Conflict", "This import is done; it cannot be committed now."), "committing")).toBe("This import is done; it cannot be committed now.");
  });
});
