import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FetchError, JwtExpiredError, JwtInvalidSignatureError } from "aws-jwt-verify/error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerToken, createAccessTokenVerifier, userFromAuthorization, type AccessTokenVerifier } from "./auth";
import { UnauthenticatedError } from "./errors";

const b64url = (value: object | string) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function rs256(payload: object, key: KeyObject, kid = "test-key"): string {
  const unsigned = `${b64url({ alg: "RS256", typ: "JWT", kid })}.${b64url(payload)}`;
  return `${unsigned}.${sign("sha256", Buffer.from(unsigned), key).toString("base64url")}`;
}

const fixedVerifier = (result: () => Promise<unknown>): AccessTokenVerifier => ({ verify: result });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("bearerToken", () => {
  it("reads the token of a Bearer header, whatever the scheme's case", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer abc.def.ghi")).toBe("abc.def.ghi");
  });

  it.each([null, "", "   "])("asks to sign in when the header is missing (%j)", (header) => {
    expect(() => bearerToken(header)).toThrow(new UnauthenticatedError("Sign in to continue."));
  });

  it.each(["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "abc.def.ghi"])("rejects a malformed header %j", (header) => {
    expect(() => bearerToken(header)).toThrow(UnauthenticatedError);
  });
});

describe("userFromAuthorization", () => {
  it("returns the token's sub as the user id", async () => {
    const user = await userFromAuthorization("Bearer t.o.k", fixedVerifier(async () => ({ sub: "user-1", username: "u1" })));
    expect(user).toEqual({ userId: "user-1", username: "u1", accessToken: "t.o.k" });
  });

  it("says the session expired for an expired token", async () => {
    const error = await rejection(
      userFromAuthorization("Bearer t.o.k", fixedVerifier(() => Promise.reject(new JwtExpiredError("Token expired", 1)))),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ status: 401, detail: expect.stringMatching(/expired/) });
  });

  it("calls a badly signed token invalid without saying which check failed", async () => {
    const error = await rejection(
      userFromAuthorization("Bearer t.o.k", fixedVerifier(() => Promise.reject(new JwtInvalidSignatureError("Invalid signature")))),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ detail: expect.stringMatching(/invalid/) });
    expect(JSON.stringify(error)).not.toMatch(/signature/i);
  });

  it("lets a JWKS outage surface as our failure, not as a sign-out", async () => {
    const outage = new FetchError("https://example/jwks.json", "ECONNREFUSED");
    expect(await rejection(userFromAuthorization("Bearer t.o.k", fixedVerifier(() => Promise.reject(outage))))).toBe(outage);
  });

  it("rejects a verified token without a sub", async () => {
    const error = await rejection(userFromAuthorization("Bearer t.o.k", fixedVerifier(async () => ({ username: "u1" }))));
    expect(error).toBeInstanceOf(UnauthenticatedError);
  });
});

describe("createAccessTokenVerifier with an endpoint (local Cognito)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };
  let server: Server;
  let endpoint = "";
  const userPoolId = "local_TestPool";
  const clientId = "client-a";
  const claims = (overrides: object = {}) => ({
    sub: "user-1",
    username: "user-1",
    client_id: clientId,
    token_use: "access",
    iss: `${endpoint}/${userPoolId}`,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 300,
    ...overrides,
  });
  const verify = (token: string) => userFromAuthorization(`Bearer ${token}`, createAccessTokenVerifier({ userPoolId, clientId, endpoint }));

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === `/${userPoolId}/.well-known/jwks.json`) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("accepts an access token of the pool and client, fetching the JWKS over http", async () => {
    expect(await verify(rs256(claims(), privateKey))).toMatchObject({ userId: "user-1" });
  });

  it("accepts a token issued a minute ahead of our clock (skew)", async () => {
    expect(await verify(rs256(claims({ iat: Math.floor(Date.now() / 1000) + 60 }), privateKey))).toMatchObject({ userId: "user-1" });
  });

  it("accepts the endpoint with a trailing slash", async () => {
    const verifier = createAccessTokenVerifier({ userPoolId, clientId, endpoint: `${endpoint}/` });
    expect(await userFromAuthorization(`Bearer ${rs256(claims(), privateKey)}`, verifier)).toMatchObject({ userId: "user-1" });
  });

  it.each([
    ["an id token", { token_use: "id", aud: clientId }],
    ["another client's token", { client_id: "client-b" }],
    ["another issuer's token", { iss: "http://127.0.0.1:1/local_Other" }],
    ["an expired token", { exp: Math.floor(Date.now() / 1000) - 5 }],
    ["a token not valid before an hour from now", { nbf: Math.floor(Date.now() / 1000) + 3600 }],
    ["a token issued an hour from now", { iat: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 7200 }],
    ["a token without iat", { iat: undefined }],
  ])("rejects %s", async (_name, overrides) => {
    expect(await rejection(verify(rs256(claims(overrides), privateKey)))).toBeInstanceOf(UnauthenticatedError);
  });

  it("rejects a token signed by another key under the same kid", async () => {
    expect(await rejection(verify(rs256(claims(), other.privateKey)))).toBeInstanceOf(UnauthenticatedError);
  });

  it("rejects a token whose payload was altered after signing", async () => {
    const [header, , signature] = rs256(claims(), privateKey).split(".");
    const forged = `${header}.${b64url(claims({ sub: "someone-else" }))}.${signature}`;
    expect(await rejection(verify(forged))).toBeInstanceOf(UnauthenticatedError);
  });

  it("rejects alg none", async () => {
    const token = `${b64url({ alg: "none", typ: "JWT", kid: "test-key" })}.${b64url(claims())}.`;
    expect(await rejection(verify(token))).toBeInstanceOf(UnauthenticatedError);
  });

  it("rejects HS256 keyed with the public key (algorithm confusion)", async () => {
    const unsigned = `${b64url({ alg: "HS256", typ: "JWT", kid: "test-key" })}.${b64url(claims())}`;
    const pem = publicKey.export({ format: "pem", type: "spki" });
    const token = `${unsigned}.${createHmac("sha256", pem).update(unsigned).digest("base64url")}`;
    expect(await rejection(verify(token))).toBeInstanceOf(UnauthenticatedError);
  });
});
