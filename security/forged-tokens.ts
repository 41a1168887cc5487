/**
 * Access tokens an attacker could send, built from a real one of the local Cognito. cognito-local signs every
 * token with a private key shipped in its npm package, so the tests can mint tokens whose signature is valid
 * but whose claims are wrong: those rows prove each claim is checked, not just the signature. Tests only.
 */
import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";

const KeyFileSchema = z.object({ pem: z.string().min(1), jwk: z.object({ kid: z.string().min(1) }) });
const keyFile = (name: string) =>
  KeyFileSchema.parse(JSON.parse(readFileSync(new URL(`../node_modules/cognito-local/lib/keys/${name}`, import.meta.url), "utf8")));

const ClaimsSchema = z.looseObject({ sub: z.string(), iss: z.string(), client_id: z.string(), exp: z.number(), iat: z.number() });
type Claims = z.infer<typeof ClaimsSchema>;

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

function claimsOf(token: string): Claims {
  return ClaimsSchema.parse(JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")));
}

function rs256(payload: object, key: KeyObject | string, kid: string): string {
  const unsigned = `${b64url({ alg: "RS256", typ: "JWT", kid })}.${b64url(payload)}`;
  return `${unsigned}.${sign("sha256", Buffer.from(unsigned), key).toString("base64url")}`;
}

export type TokenRow = { name: string; authorization: string | null };

/**
 * One row per way a token can be wrong; every one must be a 401. `accessToken` and `idToken` are a real
 * user's; `resigned` is the same access token signed again by the test, the control that the forging works.
 */
export function forgedTokens({ accessToken, idToken }: { accessToken: string; idToken: string }): { resigned: string; rows: TokenRow[] } {
  const privateKey = keyFile("cognitoLocal.private.json");
  const publicKey = keyFile("cognitoLocal.public.json");
  const kid = privateKey.jwk.kid;
  const claims = claimsOf(accessToken);
  const now = Math.floor(Date.now() / 1000);
  const signed = (overrides: Partial<Claims>) => rs256({ ...claims, ...overrides }, privateKey.pem, kid);
  const bearer = (token: string) => `Bearer ${token}`;

  const hs256Unsigned = `${b64url({ alg: "HS256", typ: "JWT", kid })}.${b64url(claims)}`;
  const hs256 = `${hs256Unsigned}.${createHmac("sha256", publicKey.pem).update(hs256Unsigned).digest("base64url")}`;
  const [header = "", , signature = ""] = accessToken.split(".");
  const tampered = `${header}.${b64url({ ...claims, sub: `${claims.sub}0` })}.${signature}`;

  const rows: TokenRow[] = [
    { name: "no Authorization header", authorization: null },
    { name: "an empty Bearer", authorization: "Bearer " },
    { name: "another scheme", authorization: `Basic ${Buffer.from("alice:password").toString("base64")}` },
    { name: "the token without its scheme", authorization: accessToken },
    { name: "alg none", authorization: bearer(`${b64url({ alg: "none", typ: "JWT", kid })}.${b64url(claims)}.`) },
    { name: "HS256 keyed with the public key", authorization: bearer(hs256) },
    { name: "another RSA key under the same kid", authorization: bearer(rs256(claims, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, kid)) },
    { name: "expired", authorization: bearer(signed({ iat: now - 7200, exp: now - 60 })) },
    { name: "not valid before an hour from now (nbf)", authorization: bearer(signed({ nbf: now + 3600, exp: now + 7200 })) },
    { name: "issued an hour from now (iat)", authorization: bearer(signed({ iat: now + 3600, exp: now + 7200 })) },
    { name: "another issuer", authorization: bearer(signed({ iss: `${claims.iss}x` })) },
    { name: "another app client's", authorization: bearer(signed({ client_id: `${claims.client_id}x` })) },
    { name: "the ID token", authorization: bearer(idToken) },
    { name: "a garbage string", authorization: bearer("not-a-jwt") },
    { name: "three garbage segments", authorization: bearer("e30.e30.e30") },
    { name: "a tampered payload under the real signature", authorization: bearer(tampered) },
  ];
  return { resigned: signed({}), rows };
}
