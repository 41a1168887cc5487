import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtExpiredError } from "aws-jwt-verify/error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessTokenVerifier } from "@/lib/auth";
import { startCognito } from "./cognito";
import type { RunningCognito } from "./types";

const VALIDITY_SECONDS = 2;
const PASSWORD = "Passw0rd!-local";
let cognito: RunningCognito;
let client: CognitoIdentityProviderClient;
let emailCounter = 0;

const sdk = (endpoint: string) =>
  new CognitoIdentityProviderClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
const newEmail = () => `user-${process.pid}-${++emailCounter}-${Date.now()}@example.com`;
const claims = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signUpAndIn(c: CognitoIdentityProviderClient, clientId: string, email = newEmail()) {
  const signUp = await c.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }));
  const auth = await c.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD } }),
  );
  const tokens = auth.AuthenticationResult;
  if (!tokens?.AccessToken || !tokens.IdToken || !tokens.RefreshToken) throw new Error("sign-in returned no tokens");
  return { email, signUp, tokens: { ...tokens, AccessToken: tokens.AccessToken, RefreshToken: tokens.RefreshToken } };
}

beforeAll(async () => {
  cognito = await startCognito({ accessTokenValiditySeconds: VALIDITY_SECONDS });
  client = sdk(cognito.endpoint);
});
afterAll(async () => {
  client.destroy();
  await cognito.stop();
});

describe("local Cognito", () => {
  it("confirms a self sign-up with a verified email, so the user can sign in at once", async () => {
    const { email, signUp, tokens } = await signUpAndIn(client, cognito.clientId);
    expect(signUp.UserConfirmed).toBe(true);
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: email }));
    expect(user.UserStatus).toBe("CONFIRMED");
    expect(user.UserAttributes).toContainEqual({ Name: "email_verified", Value: "true" });
    expect(claims(tokens.AccessToken)).toMatchObject({ sub: signUp.UserSub, token_use: "access", client_id: cognito.clientId });
  });

  it("issues RS256 tokens whose iss is the front's <endpoint>/<poolId>, verifiable against the served JWKS", async () => {
    const { tokens, signUp } = await signUpAndIn(client, cognito.clientId);
    expect(cognito.issuer).toBe(`${cognito.endpoint}/${cognito.userPoolId}`);
    expect(claims(tokens.AccessToken).iss).toBe(cognito.issuer);
    const verifier = createAccessTokenVerifier({ userPoolId: cognito.userPoolId, clientId: cognito.clientId, endpoint: cognito.endpoint });
    expect(await verifier.verify(tokens.AccessToken)).toMatchObject({ sub: signUp.UserSub });
  });

  it("gives tokens the configured validity and reports it as ExpiresIn", async () => {
    const { tokens } = await signUpAndIn(client, cognito.clientId);
    const access = claims(tokens.AccessToken);
    expect(Number(access.exp) - Number(access.iat)).toBe(VALIDITY_SECONDS);
    expect(tokens.ExpiresIn).toBe(VALIDITY_SECONDS);
    expect(tokens.TokenType).toBe("Bearer");
  });

  it("lets a token lapse after the configured validity", async () => {
    const { tokens } = await signUpAndIn(client, cognito.clientId);
    const verifier = createAccessTokenVerifier({ userPoolId: cognito.userPoolId, clientId: cognito.clientId, endpoint: cognito.endpoint });
    await expect(verifier.verify(tokens.AccessToken)).resolves.toBeDefined();
    await sleep(Number(claims(tokens.AccessToken).exp) * 1000 - Date.now() + 1100);
    await expect(verifier.verify(tokens.AccessToken)).rejects.toBeInstanceOf(JwtExpiredError);
  });

  it("answers Amplify's GetTokensFromRefreshToken with fresh tokens", async () => {
    const { tokens, signUp } = await signUpAndIn(client, cognito.clientId);
    const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: tokens.RefreshToken }));
    const result = refreshed.AuthenticationResult;
    expect(result).toMatchObject({ ExpiresIn: VALIDITY_SECONDS, TokenType: "Bearer" });
    expect(result?.AccessToken).toBeTypeOf("string");
    expect(result?.AccessToken).not.toBe(tokens.AccessToken);
    expect(claims(result?.AccessToken ?? "")).toMatchObject({ sub: signUp.UserSub, token_use: "access", iss: cognito.issuer });
    expect(claims(result?.IdToken ?? "")).toMatchObject({ sub: signUp.UserSub, token_use: "id" });
  });

  it("refuses a refresh token it never issued", async () => {
    await expect(
      client.send(new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: "not-a-refresh-token" })),
    ).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it("hands out the password-reset code locally, and the reset works with it", async () => {
    const { email } = await signUpAndIn(client, cognito.clientId);
    const codes = `${cognito.endpoint}/_local/codes/${encodeURIComponent(email)}`;
    expect((await fetch(codes)).status).toBe(404);
    await client.send(new ForgotPasswordCommand({ ClientId: cognito.clientId, Username: email }));
    const sent = await fetch(codes);
    expect(sent.status).toBe(200);
    const { code, purpose } = (await sent.json()) as { code: string; purpose: string };
    expect(code).toMatch(/^\d{6}$/);
    expect(purpose).toBe("ForgotPassword");
    const newPassword = "N3w-passw0rd!";
    const wrongCode = code === "000000" ? "111111" : "000000";
    await expect(
      client.send(new ConfirmForgotPasswordCommand({ ClientId: cognito.clientId, Username: email, ConfirmationCode: wrongCode, Password: newPassword })),
    ).rejects.toBeInstanceOf(CodeMismatchException);
    await client.send(new ConfirmForgotPasswordCommand({ ClientId: cognito.clientId, Username: email, ConfirmationCode: code, Password: newPassword }));
    const signIn = (password: string) =>
      client.send(new InitiateAuthCommand({ ClientId: cognito.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password } }));
    expect((await signIn(newPassword)).AuthenticationResult?.AccessToken).toBeTypeOf("string");
    await expect(signIn(PASSWORD)).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });

  it("allows browser calls from local origins only", async () => {
    const preflight = (origin: string) =>
      fetch(cognito.endpoint, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent" },
      });
    const local = await preflight("http://localhost:3000");
    expect(local.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const allowed = local.headers.get("access-control-allow-headers") ?? "";
    for (const header of ["content-type", "x-amz-target", "x-amz-user-agent", "cache-control", "authorization"]) expect(allowed).toContain(header);
    expect((await preflight("http://127.0.0.1:4123")).headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:4123");
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves the JWKS and an OpenID configuration naming the real issuer", async () => {
    const jwks = (await (await fetch(`${cognito.issuer}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string; alg: string }> };
    expect(jwks.keys).toContainEqual(expect.objectContaining({ kid: "CognitoLocal", alg: "RS256" }));
    const oidc = (await (await fetch(`${cognito.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(oidc).toMatchObject({ issuer: cognito.issuer, jwks_uri: `${cognito.issuer}/.well-known/jwks.json` });
  });
});

describe("local Cognito with a data directory", () => {
  it("re-uses its pool, client and users across restarts, applying the new token validity", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cognito-int-"));
    try {
      const first = await startCognito({ dir, accessTokenValiditySeconds: 60 });
      const firstClient = sdk(first.endpoint);
      const { email } = await signUpAndIn(firstClient, first.clientId);
      firstClient.destroy();
      await first.stop();

      const second = await startCognito({ dir, accessTokenValiditySeconds: 90 });
      const secondClient = sdk(second.endpoint);
      try {
        expect({ userPoolId: second.userPoolId, clientId: second.clientId }).toEqual({ userPoolId: first.userPoolId, clientId: first.clientId });
        const auth = await secondClient.send(
          new InitiateAuthCommand({ ClientId: second.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD } }),
        );
        expect(auth.AuthenticationResult?.ExpiresIn).toBe(90);
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
