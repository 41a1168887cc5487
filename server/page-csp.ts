/**
 * The Content-Security-Policy of a page: the per-request nonce plus this deployment's origins — the Cognito
 * endpoint the browser signs in with and the files bucket it uploads to and shows receipts from, as the S3
 * client itself addresses it (path-style on the local emulator, virtual-hosted on AWS).
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Resource } from "sst";
import { LOCKED_DOWN_CSP, pageCsp, type PageOrigins } from "@/lib/http/security-headers";
import { sharedS3Client } from "@/lib/s3-client";
import { localCognitoEndpoint } from "./local-mode";
import { publicAuthConfig } from "./public-config";

let origins: Promise<PageOrigins> | undefined;

async function deploymentOrigins(): Promise<PageOrigins> {
  const cognitoEndpoint = localCognitoEndpoint();
  const cognito = cognitoEndpoint ? new URL(cognitoEndpoint).origin : `https://cognito-idp.${publicAuthConfig().region}.amazonaws.com`;
  // Signing is local (no request is sent); the URL's origin is where presigned uploads and downloads go.
  const signed = await getSignedUrl(sharedS3Client(), new GetObjectCommand({ Bucket: Resource.Files.name, Key: "receipts/" }), { expiresIn: 60 });
  return { cognito, bucket: new URL(signed).origin };
}

/** Fails closed: when the stage or its resources cannot be read, the page may load nothing from anywhere. */
export async function pageCspFor(nonce: string): Promise<string> {
  try {
    origins ??= deploymentOrigins();
    return pageCsp({ nonce, isDev: process.env.NODE_ENV !== "production", origins: await origins });
  } catch (error) {
    origins = undefined;
    console.error(JSON.stringify({ level: "error", message: "page CSP locked down", error: String(error) }));
    return LOCKED_DOWN_CSP;
  }
}
