/**
 * The public face of local Cognito: a small HTTP front before cognito-local that adds what the browser and
 * Amplify v6 expect from the real service — CORS for local origins, `GetTokensFromRefreshToken` (which
 * cognito-local lacks, translated to InitiateAuth REFRESH_TOKEN_AUTH), `ExpiresIn`/`TokenType` on token
 * answers, a correct OpenID configuration — plus `GET /_local/codes/<email>` for codes AWS would email.
 */
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { z } from "zod";
import type { CodeBook } from "./cognito-codes";
import { readBody } from "./read-body";

const AMZ_JSON = "application/x-amz-json-1.1";
const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
const REFRESH_TARGET = `${TARGET_PREFIX}GetTokensFromRefreshToken`;
/** Targets whose answer carries tokens: AWS always adds ExpiresIn and TokenType, cognito-local never does. */
const TOKEN_TARGETS = new Set(
  ["InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge", "AdminRespondToAuthChallenge"].map((t) => TARGET_PREFIX + t),
);
const MAX_BODY_BYTES = 1024 * 1024;
const HOP_BY_HOP = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "origin", "upgrade"]);

export type FrontOptions = {
  /** cognito-local's own (internal) address. */
  upstream: string;
  /** This front's public address, used as the tokens' issuer domain. */
  endpoint: string;
  codes: CodeBook;
};

/** Any page served from this machine may call local Cognito; nothing else may (the browser enforces it). */
export function isLocalOrigin(origin: string | undefined): boolean {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

export function corsHeaders(origin: string | undefined, isPreflight: boolean): Record<string, string> {
  if (!origin || !isLocalOrigin(origin)) return {};
  const headers: Record<string, string> = {
    "access-control-allow-origin": origin,
    vary: "Origin",
    "access-control-expose-headers": "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date",
  };
  if (!isPreflight) return headers;
  return {
    ...headers,
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers":
      "content-type, x-amz-target, x-amz-user-agent, cache-control, authorization, amz-sdk-invocation-id, amz-sdk-request",
    "access-control-max-age": "600",
  };
}

const RefreshRequestSchema = z.object({
  RefreshToken: z.string().min(1),
  ClientId: z.string().min(1),
  ClientSecret: z.string().optional(),
  ClientMetadata: z.record(z.string(), z.string()).optional(),
});

const AuthenticationResultSchema = z.looseObject({
  AccessToken: z.string(),
  IdToken: z.string().optional(),
  RefreshToken: z.string().optional(),
  ExpiresIn: z.number().optional(),
  TokenType: z.string().optional(),
});
const TokenAnswerSchema = z.looseObject({ AuthenticationResult: AuthenticationResultSchema.optional() });
type AuthenticationResult = z.infer<typeof AuthenticationResultSchema>;

const LifetimeClaimsSchema = z.object({ exp: z.number(), iat: z.number() });

/** Seconds the access token lives (exp - iat), or undefined when it cannot be read. */
export function accessTokenLifetime(accessToken: string): number | undefined {
  const payload = accessToken.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = LifetimeClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return claims.success ? claims.data.exp - claims.data.iat : undefined;
  } catch {
    return undefined;
  }
}

export function withLifetime(result: AuthenticationResult): AuthenticationResult {
  return { ...result, ExpiresIn: result.ExpiresIn ?? accessTokenLifetime(result.AccessToken), TokenType: result.TokenType ?? "Bearer" };
}

/** GetTokensFromRefreshToken request -> the InitiateAuth request cognito-local understands. */
export function refreshToInitiateAuth(body: unknown) {
  const request = RefreshRequestSchema.parse(body);
  return {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: request.ClientId,
    AuthParameters: { REFRESH_TOKEN: request.RefreshToken },
    ...(request.ClientMetadata ? { ClientMetadata: request.ClientMetadata } : {}),
  };
}

/** InitiateAuth answer -> GetTokensFromRefreshToken answer (a new refresh token only if Cognito rotated it). */
export function initiateAuthToRefreshAnswer(answer: unknown) {
  const result = TokenAnswerSchema.parse(answer).AuthenticationResult;
  if (!result) throw new Error("InitiateAuth REFRESH_TOKEN_AUTH returned no tokens");
  const { AccessToken, IdToken, ExpiresIn, TokenType, RefreshToken } = withLifetime(result);
  return { AuthenticationResult: { AccessToken, IdToken, ExpiresIn, TokenType, ...(RefreshToken ? { RefreshToken } : {}) } };
}

type UpstreamAnswer = { status: number; contentType: string; body: Buffer };

function forwardHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, contentType = AMZ_JSON): void {
  send(res, status, contentType, JSON.stringify(value));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseJson(body: Buffer): unknown {
  return body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
}

const SIGN_IN_TARGETS = new Set([`${TARGET_PREFIX}InitiateAuth`, `${TARGET_PREFIX}AdminInitiateAuth`]);

/**
 * cognito-local answers a wrong password with InvalidPasswordException; Cognito answers NotAuthorizedException
 * (InvalidPasswordException there means "breaks the password policy"). Answer as Cognito does.
 */
export function asCognitoSignInError(target: string | undefined, status: number, body: unknown): unknown {
  if (status !== 400 || !target || !SIGN_IN_TARGETS.has(target)) return body;
  if (typeof body !== "object" || body === null || (body as { __type?: unknown }).__type !== "InvalidPasswordException") {
    return body;
  }
  return { __type: "NotAuthorizedException", message: "Incorrect username or password." };
}

export function createFront({ upstream, endpoint, codes }: FrontOptions): RequestListener {
  const call = async (method: string, path: string, headers: Headers, body: Buffer | string): Promise<UpstreamAnswer> => {
    const hasBody = method !== "GET" && method !== "HEAD";
    const payload = typeof body === "string" ? body : new Uint8Array(body);
    const res = await fetch(upstream + path, { method, headers, body: hasBody ? payload : undefined });
    return { status: res.status, contentType: res.headers.get("content-type") ?? AMZ_JSON, body: Buffer.from(await res.arrayBuffer()) };
  };

  const refresh = async (res: ServerResponse, headers: Headers, body: Buffer) => {
    let initiateAuth: ReturnType<typeof refreshToInitiateAuth>;
    try {
      initiateAuth = refreshToInitiateAuth(parseJson(body));
    } catch {
      sendJson(res, 400, { __type: "InvalidParameterException", message: "RefreshToken and ClientId are required." });
      return;
    }
    headers.set("x-amz-target", `${TARGET_PREFIX}InitiateAuth`);
    headers.set("content-type", AMZ_JSON);
    const answer = await call("POST", "/", headers, JSON.stringify(initiateAuth));
    if (answer.status !== 200) send(res, answer.status, answer.contentType, answer.body);
    else sendJson(res, 200, initiateAuthToRefreshAnswer(parseJson(answer.body)));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const origin = req.headers.origin;
    for (const [name, value] of Object.entries(corsHeaders(origin, method === "OPTIONS"))) res.setHeader(name, value);
    if (method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    const url = new URL(req.url ?? "/", endpoint);
    const codeFor = /^\/_local\/codes\/([^/]+)$/.exec(url.pathname)?.[1];
    if (method === "GET" && codeFor !== undefined) {
      const code = codes.latest(safeDecode(codeFor));
      if (code) sendJson(res, 200, code, "application/json");
      else sendJson(res, 404, { message: "No code was sent to this address." }, "application/json");
      return;
    }
    const poolForOidc = /^\/([\w-]+)\/\.well-known\/openid-configuration$/.exec(url.pathname)?.[1];
    if (method === "GET" && poolForOidc) {
      // cognito-local hard-codes localhost:9229 here; answer with the issuer the tokens really carry.
      const issuer = `${endpoint}/${poolForOidc}`;
      sendJson(res, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS256"] }, "application/json");
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    const headers = forwardHeaders(req.headers);
    const target = req.headers["x-amz-target"];
    if (method === "POST" && target === REFRESH_TARGET) {
      await refresh(res, headers, body);
      return;
    }
    const answer = await call(method, url.pathname + url.search, headers, body);
    if (answer.status === 200 && typeof target === "string" && TOKEN_TARGETS.has(target)) {
      const parsed = TokenAnswerSchema.parse(parseJson(answer.body));
      const result = parsed.AuthenticationResult;
      sendJson(res, 200, result ? { ...parsed, AuthenticationResult: withLifetime(result) } : parsed);
      return;
    }
    if (answer.status === 400 && typeof target === "string" && SIGN_IN_TARGETS.has(target)) {
      sendJson(res, 400, asCognitoSignInError(target, answer.status, parseJson(answer.body)));
      return;
    }
    send(res, answer.status, answer.contentType, answer.body);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("Local Cognito front:", error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { __type: "InternalErrorException", message: "Local Cognito front failed; see its log." });
    });
  };
}
