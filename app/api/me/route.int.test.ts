import { generateKeyPairSync, sign } from "node:crypto";
import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi";
import { createContract } from "@/lib/openapi-contract";
import { startCognito } from "@/local/cognito";
import { localStackEnv } from "@/local/test-stack";
import type { RunningCognito } from "@/local/types";

const VALIDITY_SECONDS = 3;
const PASSWORD = "Passw0rd!-route";
let cognito: RunningCognito;
let client: CognitoIdentityProviderClient;
let GET: (req: Request) => Promise<Response>;
let counter = 0;
const contract = createContract(openApiDocument() as unknown as Record<string, unknown>);

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const parts = (jwt: string) => {
  const [header = "", payload = "", signature = ""] = jwt.split(".");
  return { header, payload, signature, claims: JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown> };
};
const me = (authorization?: string) => GET(new Request("http://localhost/api/me", { headers: authorization ? { authorization } : {} }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(clientId: string, email: string) {
  const auth = await client.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD } }),
  );
  const { AccessToken, IdToken } = auth.AuthenticationResult ?? {};
  if (!AccessToken || !IdToken) throw new Error("sign-in returned no tokens");
  return { accessToken: AccessToken, idToken: IdToken };
}

async function newUser() {
  const email = `me-${process.pid}-${++counter}-${Date.now()}@example.com`;
  const { UserSub } = await client.send(new SignUpCommand({ ClientId: cognito.clientId, Username: email, Password: PASSWORD }));
  return { email, userId: UserSub ?? "", ...(await signIn(cognito.clientId, email)) };
}

async function expectUnauthenticated(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await res.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status: 401, title: "Not signed in" });
  return problem;
}

beforeAll(async () => {
  cognito = await startCognito({ accessTokenValiditySeconds: VALIDITY_SECONDS });
  // What the local stack hands the app (SST links + SDK-native endpoint override), set before the route loads:
  // the shared stack's table (reads are rate-limited there), this file's own Cognito with short-lived tokens.
  Object.assign(process.env, localStackEnv(), {
    SST_RESOURCE_App: JSON.stringify({ name: "ledgerline", stage: "local" }),
    SST_RESOURCE_UserPool: JSON.stringify({ id: cognito.userPoolId }),
    SST_RESOURCE_UserPoolClient: JSON.stringify({ id: cognito.clientId, secret: "" }),
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
  });
  client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint });
  ({ GET } = await import("./route"));
});
afterAll(async () => {
  client.destroy();
  await cognito.stop();
});

describe("GET /api/me", () => {
  it("returns the user's id (the token's sub) and email, never cached by shared caches", async () => {
    const user = await newUser();
    const res = await me(`Bearer ${user.accessToken}`);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toEqual({ userId: user.userId, email: user.email });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(contract.violations({ method: "GET", path: "/api/me", response: res, body })).toEqual([]);
  });

  it("answers 401 as the OpenAPI document says", async () => {
    const res = await me("Bearer not-a-jwt");
    expect(contract.violations({ method: "GET", path: "/api/me", response: res, body: await res.json() })).toEqual([]);
  });

  it("asks to sign in without an Authorization header", async () => {
    expect(await expectUnauthenticated(await me())).toMatchObject({ detail: "Sign in to continue." });
  });

  it.each(["Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-jwt", "Token abc.def.ghi"])("rejects the malformed header %j", async (header) => {
    await expectUnauthenticated(await me(header));
  });

  it("rejects an expired access token, saying it expired", async () => {
    const { accessToken } = await newUser();
    await sleep(Number(parts(accessToken).claims.exp) * 1000 - Date.now() + 1100);
    expect(await expectUnauthenticated(await me(`Bearer ${accessToken}`))).toMatchObject({ detail: expect.stringMatching(/expired/) });
  });

  it("rejects a real token whose signature bytes were altered", async () => {
    const { accessToken } = await newUser();
    const { header, payload, signature } = parts(accessToken);
    const bytes = Buffer.from(signature, "base64url");
    bytes[10] = (bytes[10] ?? 0) ^ 0xff;
    await expectUnauthenticated(await me(`Bearer ${header}.${payload}.${bytes.toString("base64url")}`));
  });

  it("rejects a token with valid claims signed by another RSA key under Cognito's kid", async () => {
    const { accessToken } = await newUser();
    const { header, payload } = parts(accessToken);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = `${header}.${payload}.${sign("sha256", Buffer.from(`${header}.${payload}`), privateKey).toString("base64url")}`;
    await expectUnauthenticated(await me(`Bearer ${forged}`));
  });

  it("rejects an unsigned token (alg none)", async () => {
    const { accessToken } = await newUser();
    const none = `${b64url({ alg: "none", typ: "JWT", kid: "CognitoLocal" })}.${parts(accessToken).payload}.`;
    await expectUnauthenticated(await me(`Bearer ${none}`));
  });

  it("rejects an id token in place of the access token", async () => {
    const { idToken } = await newUser();
    await expectUnauthenticated(await me(`Bearer ${idToken}`));
  });

  it("rejects an access token issued to another app client of the same pool", async () => {
    const { email } = await newUser();
    const other = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: cognito.userPoolId,
        ClientName: "Other",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const { accessToken } = await signIn(other.UserPoolClient?.ClientId ?? "", email);
    expect(parts(accessToken).claims.client_id).not.toBe(cognito.clientId);
    await expectUnauthenticated(await me(`Bearer ${accessToken}`));
  });

  it("treats a valid token of a since-deleted user as signed out", async () => {
    const user = await newUser();
    await client.send(new AdminDeleteUserCommand({ UserPoolId: cognito.userPoolId, Username: user.email }));
    await expectUnauthenticated(await me(`Bearer ${user.accessToken}`));
  });
});
