import { describe, expect, inject, it } from "vitest";
import { resource } from "./check/queries";

const { dev, production } = inject("infra");

const pool = (e = dev) => resource(e, "aws:cognito/userPool:UserPool", "UserPoolUserPool");
const client = (e = dev) => resource(e, "aws:cognito/userPoolClient:UserPoolClient", "UserPoolClientClient").inputs;

describe("user pool", () => {
  it("signs users in by email and verifies the address with an emailed code", () => {
    const p = pool().inputs;
    expect(p.usernameAttributes).toEqual(["email"]);
    expect(p.autoVerifiedAttributes).toEqual(["email"]);
    expect(p.usernameConfiguration).toEqual({ caseSensitive: false });
    expect(p.verificationMessageTemplate).toMatchObject({ defaultEmailOption: "CONFIRM_WITH_CODE" });
    expect(String((p.verificationMessageTemplate as { emailMessage?: string }).emailMessage)).toContain("{####}");
    expect(p.adminCreateUserConfig).toEqual({ allowAdminCreateUserOnly: false });
  });

  it("requires a password of 8+ characters mixing cases, digits and symbols (what the sign-up form says)", () => {
    expect(pool().inputs.passwordPolicy).toEqual({
      minimumLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
      temporaryPasswordValidityDays: 7,
    });
  });

  it("recovers accounts by email only and keeps a changed email unverified until confirmed", () => {
    const p = pool().inputs;
    expect(p.accountRecoverySetting).toEqual({ recoveryMechanisms: [{ name: "verified_email", priority: 1 }] });
    expect(p.userAttributeUpdateSettings).toEqual({ attributesRequireVerificationBeforeUpdates: ["email"] });
  });

  it("is deletion-protected and retained in production only", () => {
    expect(pool(production).inputs.deletionProtection).toBe("ACTIVE");
    expect(pool(production).retainOnDelete).toBe(true);
    expect(pool(dev).inputs.deletionProtection).toBe("INACTIVE");
    expect(pool(dev).retainOnDelete).toBe(false);
  });
});

describe("user pool client", () => {
  it("is a public client of the pool: no secret", () => {
    expect(client().generateSecret).toBe(false);
    expect(client().userPoolId).toBe(dev.outputs.userPool);
  });

  it("allows USER_PASSWORD_AUTH, SRP and refresh, nothing else", () => {
    expect([...(client().explicitAuthFlows as string[])].sort()).toEqual([
      "ALLOW_REFRESH_TOKEN_AUTH",
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_USER_SRP_AUTH",
    ]);
  });

  it("has no OAuth flows (no implicit grant) and no callback URL", () => {
    const c = client();
    expect(c.allowedOauthFlowsUserPoolClient).toBe(false);
    expect(c.allowedOauthFlows ?? []).toEqual([]);
    expect(c.allowedOauthScopes ?? []).toEqual([]);
    expect(c.callbackUrls ?? []).toEqual([]);
    expect(JSON.stringify(c)).not.toContain("example.com");
  });

  it("hides whether an account exists and revokes tokens on sign-out", () => {
    expect(client().preventUserExistenceErrors).toBe("ENABLED");
    expect(client().enableTokenRevocation).toBe(true);
  });

  it("issues 1-hour access and id tokens and 30-day refresh tokens", () => {
    const c = client();
    expect(c).toMatchObject({ accessTokenValidity: 1, idTokenValidity: 1, refreshTokenValidity: 30 });
    expect(c.tokenValidityUnits).toEqual({ accessToken: "hours", idToken: "hours", refreshToken: "days" });
  });
});
