import { describe, expect, it } from "vitest";
import { authErrorMessage } from "./auth-messages";

function named(name: string): Error {
  const error = new Error("raw service text");
  error.name = name;
  return error;
}

describe("authErrorMessage", () => {
  it("says the credentials are wrong without revealing whether the account exists", () => {
    expect(authErrorMessage(named("NotAuthorizedException"))).toBe("Incorrect email or password.");
    expect(authErrorMessage(named("UserNotFoundException"))).toBe("Incorrect email or password.");
  });

  it("explains a network failure", () => {
    expect(authErrorMessage(new TypeError("Failed to fetch"))).toMatch(/Can't reach the sign-in service/);
  });

  it("never shows raw service text for unknown failures", () => {
    expect(authErrorMessage(named("SomethingNewException"))).toBe("Something went wrong. Please try again.");
    expect(authErrorMessage("not an error")).toBe("Something went wrong. Please try again.");
  });
});
