import { JwtExpiredError, JwtInvalidSignatureError } from "aws-jwt-verify/error";
import { describe, expect, it } from "vitest";
import type { AccessTokenVerifier } from "./auth";
import { cachingVerifier } from "./verified-token-cache";

const EXP = 1_800_000_000;

/** A verifier that counts its calls and accepts tokens "ok-<sub>" (expiring at EXP) and nothing else. */
function countingVerifier(options: { exp?: number | undefined; nowMs?: () => number } = {}) {
  const calls: string[] = [];
  const verifier: AccessTokenVerifier = {
    async verify(token) {
      calls.push(token);
      const exp = "exp" in options ? options.exp : EXP;
      if (exp !== undefined && (options.nowMs?.() ?? 0) >= exp * 1000) throw new JwtExpiredError("Token expired", exp);
      if (!token.startsWith("ok-")) throw new JwtInvalidSignatureError("Invalid signature");
      return { sub: token.slice(3), ...(exp === undefined ? {} : { exp }) };
    },
  };
  return { verifier, calls };
}

describe("cachingVerifier", () => {
  it("verifies a token once and answers its later uses from memory", async () => {
    const { verifier, calls } = countingVerifier();
    const cached = cachingVerifier(verifier, { now: () => EXP * 1000 - 60_000 });
    for (let i = 0; i < 3; i++) await expect(cached.verify("ok-a")).resolves.toEqual({ sub: "a", exp: EXP });
    expect(calls).toEqual(["ok-a"]);
  });

  it("keeps different tokens apart", async () => {
    const { verifier, calls } = countingVerifier();
    const cached = cachingVerifier(verifier, { now: () => 0 });
    await expect(cached.verify("ok-a")).resolves.toMatchObject({ sub: "a" });
    await expect(cached.verify("ok-b")).resolves.toMatchObject({ sub: "b" });
    await expect(cached.verify("ok-a")).resolves.toMatchObject({ sub: "a" });
    expect(calls).toEqual(["ok-a", "ok-b"]);
  });

  it("verifies again from the token's exp on, so an expired token is refused as expired", async () => {
    let nowMs = EXP * 1000 - 1;
    const { verifier, calls } = countingVerifier({ nowMs: () => nowMs });
    const cached = cachingVerifier(verifier, { now: () => nowMs });
    await cached.verify("ok-a");
    nowMs = EXP * 1000;
    await expect(cached.verify("ok-a")).rejects.toBeInstanceOf(JwtExpiredError);
    expect(calls).toEqual(["ok-a", "ok-a"]);
  });

  it("never remembers a failure", async () => {
    const { verifier, calls } = countingVerifier();
    const cached = cachingVerifier(verifier, { now: () => 0 });
    await expect(cached.verify("forged")).rejects.toBeInstanceOf(JwtInvalidSignatureError);
    await expect(cached.verify("forged")).rejects.toBeInstanceOf(JwtInvalidSignatureError);
    expect(calls).toEqual(["forged", "forged"]);
  });

  it("does not remember a token without exp", async () => {
    const { verifier, calls } = countingVerifier({ exp: undefined });
    const cached = cachingVerifier(verifier, { now: () => 0 });
    await cached.verify("ok-a");
    await cached.verify("ok-a");
    expect(calls).toEqual(["ok-a", "ok-a"]);
  });

  it("forgets the oldest token past maxEntries", async () => {
    const { verifier, calls } = countingVerifier();
    const cached = cachingVerifier(verifier, { maxEntries: 2, now: () => 0 });
    for (const token of ["ok-a", "ok-b", "ok-c", "ok-c", "ok-b", "ok-a"]) await cached.verify(token);
    expect(calls).toEqual(["ok-a", "ok-b", "ok-c", "ok-a"]);
  });
});
