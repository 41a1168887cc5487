import { describe, expect, it } from "vitest";
import { accessTokenLifetime, asCognitoSignInError, corsHeaders, initiateAuthToRefreshAnswer, isLocalOrigin, refreshToInitiateAuth } from "./cognito-front";

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("isLocalOrigin", () => {
  it.each(["http://localhost:3000", "http://127.0.0.1:4123", "https://localhost", "http://[::1]:3000"])("allows %s", (origin) => {
    expect(isLocalOrigin(origin)).toBe(true);
  });

  it.each([undefined, "null", "https://evil.example", "http://localhost.evil.example", "file://localhost/x"])("refuses %s", (origin) => {
    expect(isLocalOrigin(origin)).toBe(false);
  });
});

describe("corsHeaders", () => {
  it("lists the headers Amplify sends on a preflight from a local origin", () => {
    const headers = corsHeaders("http://localhost:3000", true);
    expect(headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    expect(headers["access-control-allow-headers"]).toContain("x-amz-target");
  });

  it("grants nothing to other origins", () => {
    expect(corsHeaders("https://evil.example", true)).toEqual({});
  });
});

describe("GetTokensFromRefreshToken translation", () => {
  it("asks cognito-local for a REFRESH_TOKEN_AUTH InitiateAuth", () => {
    expect(refreshToInitiateAuth({ ClientId: "c1", RefreshToken: "r1", DeviceKey: undefined })).toEqual({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: "c1",
      AuthParameters: { REFRESH_TOKEN: "r1" },
    });
  });

  it("refuses a request without a refresh token", () => {
    expect(() => refreshToInitiateAuth({ ClientId: "c1" })).toThrow();
  });

  it("answers in GetTokensFromRefreshToken's shape with the access token's lifetime", () => {
    const access = jwt({ iat: 1000, exp: 1005 });
    const answer = initiateAuthToRefreshAnswer({ ChallengeParameters: {}, AuthenticationResult: { AccessToken: access, IdToken: "id" } });
    expect(answer).toEqual({ AuthenticationResult: { AccessToken: access, IdToken: "id", ExpiresIn: 5, TokenType: "Bearer" } });
  });

  it("passes a rotated refresh token on", () => {
    const answer = initiateAuthToRefreshAnswer({ AuthenticationResult: { AccessToken: jwt({ iat: 1, exp: 2 }), RefreshToken: "r2" } });
    expect(answer.AuthenticationResult.RefreshToken).toBe("r2");
  });
});

describe("accessTokenLifetime", () => {
  it("is exp - iat, or undefined for an unreadable token", () => {
    expect(accessTokenLifetime(jwt({ iat: 10, exp: 3610 }))).toBe(3600);
    expect(accessTokenLifetime("garbage")).toBeUndefined();
    expect(accessTokenLifetime("a.!!!.c")).toBeUndefined();
  });
});

describe("asCognitoSignInError", () => {
  const target = "AWSCognitoIdentityProviderService.InitiateAuth";
  it("answers a wrong password as Cognito does (NotAuthorizedException)", () => {
    expect(asCognitoSignInError(target, 400, { __type: "InvalidPasswordException", message: "Invalid password" })).toEqual({
      __type: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });
  it("leaves other errors and other operations alone", () => {
    const policy = { __type: "InvalidPasswordException", message: "Password did not conform with policy" };
    expect(asCognitoSignInError("AWSCognitoIdentityProviderService.SignUp", 400, policy)).toBe(policy);
    const other = { __type: "UserNotFoundException", message: "User does not exist" };
    expect(asCognitoSignInError(target, 400, other)).toBe(other);
  });
});
