/**
 * The production stage holds real users' data: it gets deletion protection, is retained on `sst remove`
 * (see `removal`/`protect` in sst.config.ts) and never force-destroys its bucket. Every other stage is disposable.
 */
export const isProduction = $app.stage === "production";

/** The origin `next dev` serves under `sst dev`; browsers upload to S3 from it, so the bucket's CORS must allow it. */
export const devOrigin = "http://localhost:3000";
