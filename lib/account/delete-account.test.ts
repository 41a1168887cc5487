import { BatchWriteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { UnauthenticatedError, ValidationError } from "../errors";
import type { UserIdentity } from "./cognito-identity";
import { createAccounts, userPrefixes } from "./delete-account";

const USER = "3f2a9c1e-7b4d-4e8a-9c21-5d6e7f8a9b0c";

/** Records the order of every step; the table holds one item, the bucket one object per prefix. */
function world(email = "Ada@Example.com") {
  const steps: string[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof QueryCommand) {
        steps.push("query");
        return { Items: steps.includes("batch") ? [] : [{ userId: USER, sk: "EXP#1" }] };
      }
      if (command instanceof PutCommand) {
        steps.push(`close ${String(command.input.Item?.sk)}`);
        return {};
      }
      if (command instanceof BatchWriteCommand) {
        steps.push("batch");
        return {};
      }
      throw new Error("unexpected command");
    },
  } as unknown as DynamoDBDocumentClient;
  const files = {
    keysUnder: async (prefix: string) => {
      steps.push(`list ${prefix}`);
      return [`${prefix}object`];
    },
    remove: async (keys: string[]) => {
      steps.push(`remove ${keys.join(",")}`);
    },
  };
  const identity: UserIdentity = {
    emailOf: async () => {
      steps.push("email");
      return email;
    },
    deleteUser: async () => {
      steps.push("delete user");
    },
  };
  const rateLimiter = { consume: async () => void steps.push("rate"), refund: () => {} };
  return { steps, accounts: createAccounts({ client, tableName: "t", files, identity, rateLimiter }) };
}

describe("deleteAccount", () => {
  it("checks the email, marks the account closed, then empties the partition, then the bucket prefixes, and deletes the user last", async () => {
    const { steps, accounts } = world();
    await accounts.deleteAccount({ userId: USER, accessToken: "token" }, { confirmEmail: " ada@example.COM " });
    expect(steps).toEqual([
      "email",
      "rate",
      "close ACCOUNT#CLOSED",
      "query",
      "batch",
      "query",
      `list receipts/${USER}/`,
      `remove receipts/${USER}/object`,
      `list imports/${USER}/`,
      `remove imports/${USER}/object`,
      "delete user",
    ]);
  });

  it("deletes nothing when the email is not the user's", async () => {
    const { steps, accounts } = world();
    const refused = accounts.deleteAccount({ userId: USER, accessToken: "token" }, { confirmEmail: "eve@example.com" });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ errors: [{ path: "confirmEmail", message: "is not the email you sign in with" }] });
    expect(steps).toEqual(["email"]);
  });

  it("deletes nothing when Cognito no longer honours the token", async () => {
    const steps: string[] = [];
    const client = { send: async () => void steps.push("table") } as unknown as DynamoDBDocumentClient;
    const files = { keysUnder: async () => [], remove: async () => void steps.push("bucket") };
    const identity: UserIdentity = { emailOf: () => Promise.reject(new UnauthenticatedError()), deleteUser: async () => void steps.push("user") };
    const accounts = createAccounts({ client, tableName: "t", files, identity });
    await expect(accounts.deleteAccount({ userId: USER, accessToken: "t" }, { confirmEmail: "a@b.c" })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(steps).toEqual([]);
  });

  it("never builds a prefix that could reach another user's objects", () => {
    expect(userPrefixes(USER)).toEqual([`receipts/${USER}/`, `imports/${USER}/`]);
    for (const bad of ["", "a/b", "..", "a b", "x".repeat(129)]) expect(() => userPrefixes(bad)).toThrow();
  });
});
