/**
 * One CloudFront distribution in front of everything: the Next.js site at "/" (infra/web.ts) and the streaming
 * CSV export at /api/export (infra/export.ts; longest prefix wins). One origin for the browser means the app
 * itself needs no CORS; only the bucket does (presigned POST uploads go to S3).
 */
export const router = new sst.aws.Router("Router");
