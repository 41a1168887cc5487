/**
 * Who is calling: verifies the Cognito access token in `Authorization: Bearer <token>` (signature against the
 * pool's JWKS, `iss`, `token_use=access`, `client_id`, `exp`, `nbf`, `iat`) and yields the user id — the token's `sub`. This is
 * the only place a user id comes from; never from a body, query or another header.
 */
import { CognitoJwtVerifier, JwtRsaVerifier } from "aws-jwt-verify";
import { assertStringEquals } from "aws-jwt-verify/assert";
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwksValidationError,
  JwtBaseError,
  JwtExpiredError,
  JwtNotBeforeError,
  NonRetryableFetchError,
  ParameterValidationError,
} from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { z } from "zod";
import { UnauthenticatedError } from "./errors";

export type AccessTokenVerifierConfig = {
  userPoolId: string;
  clientId: string;
  /** Cognito endpoint override (local Cognito); its tokens' issuer is `<endpoint>/<userPoolId>`. */
  endpoint?: string;
};

export type AccessTokenVerifier = { verify(token: string): Promise<unknown> };

export type AuthenticatedUser = {
  /** The token's `sub`: stable for the user's lifetime, the partition key of their data. */
  userId: string;
  username: string;
  /** The verified token itself, for calls made on the user's behalf (Cognito GetUser). */
  accessToken: string;
};

/** aws-jwt-verify's own fetcher speaks only https; local Cognito serves its JWKS over http on loopback. */
const httpJwksFetcher: Fetcher = {
  async fetch(uri) {
    let res: Response;
    try {
      res = await fetch(uri, { cache: "no-store", signal: AbortSignal.timeout(5000) });
    } catch (error) {
      throw new FetchError(uri, error instanceof Error ? error.message : String(error));
    }
    if (res.status !== 200) throw new NonRetryableFetchError(uri, `Status code is ${res.status}, expected 200`);
    return res.arrayBuffer();
  },
};

/** How far the issuer's clock may run ahead of ours. */
const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * aws-jwt-verify checks `exp` and `nbf` but not `iat`: a token claiming to be issued in the future was not
 * issued by the pool (or its clock is broken), so it is refused like a token that is not yet valid.
 */
function assertIssuedBeforeNow({ payload }: { payload: { iat?: unknown } }): void {
  const latest = Math.floor(Date.now() / 1000) + MAX_CLOCK_SKEW_SECONDS;
  if (typeof payload.iat !== "number" || payload.iat > latest) throw new JwtNotBeforeError("Token issued in the future", payload.iat);
}

export function createAccessTokenVerifier(config: AccessTokenVerifierConfig): AccessTokenVerifier {
  const { userPoolId, clientId, endpoint } = config;
  if (!endpoint) {
    const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: "access", customJwtCheck: assertIssuedBeforeNow });
    return { verify: (token) => verifier.verify(token) };
  }
  const issuer = `${endpoint.replace(/\/+$/, "")}/${userPoolId}`;
  const verifier = JwtRsaVerifier.create(
    {
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      audience: null, // access tokens carry client_id, not aud
      customJwtCheck: ({ payload }) => {
        assertStringEquals("Token use", payload.token_use, "access", CognitoJwtInvalidTokenUseError);
        assertStringEquals("Client ID", payload.client_id, clientId, CognitoJwtInvalidClientIdError);
        assertIssuedBeforeNow({ payload });
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: httpJwksFetcher }) },
  );
  return { verify: (token) => verifier.verify(token) };
}

const MISSING = "Sign in to continue.";
const INVALID = "Your sign-in is invalid; sign in again.";
const EXPIRED = "Your session has expired; sign in again.";

/** The token of an `Authorization: Bearer <token>` header; anything else is unauthenticated. */
export function bearerToken(header: string | null): string {
  if (!header?.trim()) throw new UnauthenticatedError(MISSING);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError(INVALID);
  return match[1];
}

/**
 * Turns a verification failure into what the caller may know: "expired" or "invalid", never which check
 * failed. Failures of our side (JWKS unreachable or malformed, misconfiguration) are not the caller's fault
 * and propagate as 500s instead of signing everyone out.
 */
export function toUnauthenticated(error: unknown): unknown {
  if (error instanceof JwtExpiredError) return new UnauthenticatedError(EXPIRED);
  if (error instanceof FetchError || error instanceof JwksValidationError || error instanceof ParameterValidationError) return error;
  if (error instanceof JwtBaseError) return new UnauthenticatedError(INVALID);
  return error;
}

const ClaimsSchema = z.object({ sub: z.string().min(1), username: z.string().min(1) });

/** The user an Authorization header proves, or UnauthenticatedError. */
export async function userFromAuthorization(header: string | null, verifier: AccessTokenVerifier): Promise<AuthenticatedUser> {
  const accessToken = bearerToken(header);
  let payload: unknown;
  try {
    payload = await verifier.verify(accessToken);
  } catch (error) {
    throw toUnauthenticated(error);
  }
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) throw new UnauthenticatedError(INVALID);
  return { userId: claims.data.sub, username: claims.data.username, accessToken };
}

/** The signed-in user of a request, or UnauthenticatedError (401). */
export function requireUser(req: Request, verifier: AccessTokenVerifier): Promise<AuthenticatedUser> {
  return userFromAuthorization(req.headers.get("authorization"), verifier);
}
