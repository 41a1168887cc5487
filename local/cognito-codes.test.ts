import type { Context } from "cognito-local/lib/services/context.js";
import type { User } from "cognito-local/lib/services/userPoolService.js";
import { describe, expect, it } from "vitest";
import { createCodeBook } from "./cognito-codes";

const ctx = {} as Context; // the code book never logs through cognito-local's logger
const user = (status: User["UserStatus"]): User => ({
  Attributes: [{ Name: "email", Value: "Ann@Example.com" }],
  Enabled: true,
  Password: "x",
  RefreshTokens: [],
  UserCreateDate: new Date(0),
  UserLastModifiedDate: new Date(0),
  Username: "ann",
  UserStatus: status,
});
const email = { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "Ann@Example.com" } as const;

describe("createCodeBook", () => {
  it("keeps and logs the latest password-reset code, found by email whatever its case", async () => {
    const lines: string[] = [];
    const book = createCodeBook((line) => lines.push(line));
    await book.messages.deliver(ctx, "ForgotPassword", "c1", "p1", user("CONFIRMED"), "111111", undefined, email);
    await book.messages.deliver(ctx, "ForgotPassword", "c1", "p1", user("CONFIRMED"), "222222", undefined, email);
    expect(book.latest("ann@example.com")).toMatchObject({ code: "222222", purpose: "ForgotPassword" });
    expect(lines.at(-1)).toBe("Local Cognito: password reset code for Ann@Example.com is 222222");
  });

  it("records a sign-up code only for a user who still has to confirm", async () => {
    const book = createCodeBook(() => undefined);
    await book.messages.deliver(ctx, "SignUp", "c1", "p1", user("CONFIRMED"), "333333", undefined, email);
    expect(book.latest("ann@example.com")).toBeUndefined();
    await book.messages.deliver(ctx, "SignUp", "c1", "p1", user("UNCONFIRMED"), "444444", undefined, email);
    expect(book.latest("ann@example.com")).toMatchObject({ code: "444444", purpose: "SignUp" });
  });
});
