import { createHash } from "node:crypto";
import { z } from "zod";
import type { AccessTokenVerifier } from "./auth";

export type VerifiedTokenCacheOptions = {
  /** Tokens remembered at most; past it the oldest is forgotten (and verified again if it comes back). */
  maxEntries?: number;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
};

/** ~1 KB a token: 10k signed-in users per instance is ~10 MB at most. */
const DEFAULT_MAX_ENTRIES = 10_000;

const ExpirySchema = z.object({ exp: z.number() });

/**
 * Verifies each access token once for its lifetime: a token whose signature and claims passed is remembered,
 * keyed by its SHA-256 (a different token, even with the same claims, is verified afresh), until its `exp`
 * — the same instant the verifier itself would start refusing it. Only successes are remembered; a token that
 * failed, or has no `exp`, is verified on every request as before. Revocation does not change: Cognito access
 * tokens are verified statelessly either way, so a signed-out user's token was valid until `exp` already.
 */
export function cachingVerifier(verifier: AccessTokenVerifier, { maxEntries = DEFAULT_MAX_ENTRIES, now = Date.now }: VerifiedTokenCacheOptions = {}): AccessTokenVerifier {
  const verified = new Map<string, { payload: unknown; expiresAtMs: number }>();
  return {
    async verify(token) {
      const key = createHash("sha256").update(token).digest("base64url");
      const known = verified.get(key);
      if (known && known.expiresAtMs > now()) return known.payload;
      // Expired: the verifier says so itself (an "expired", not an "invalid" sign-in).
      verified.delete(key);
      const payload = await verifier.verify(token);
      const expiry = ExpirySchema.safeParse(payload);
      if (expiry.success) {
        verified.set(key, { payload, expiresAtMs: expiry.data.exp * 1000 });
        // A Map iterates in insertion order: its first key is the longest remembered.
        for (const oldest of verified.keys()) {
          if (verified.size <= maxEntries) break;
          verified.delete(oldest);
        }
      }
      return payload;
    },
  };
}
