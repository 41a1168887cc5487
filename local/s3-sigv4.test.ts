import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { verifyRequestSignature, type SignedRequest } from "./s3-sigv4";
import { refusal } from "./s3-refusal";

const secretFor = (id: string) => (id === "S3RVER" ? "S3RVER" : undefined);
const client = new S3Client({
  region: "us-east-1",
  endpoint: "http://127.0.0.1:4569",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});

async function presignedGet(key: string, options: { expiresIn?: number; signingDate?: Date } = {}) {
  const url = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: "files", Key: key }), options));
  return { url, request: asRequest(url) };
}

function asRequest(url: URL): SignedRequest {
  return { method: "GET", path: url.pathname, query: url.search.slice(1), headers: { host: url.host } };
}


describe("verifyRequestSignature (presigned URLs)", () => {
  it("accepts a URL from getSignedUrl, keys with spaces and unicode included", async () => {
    const { request } = await presignedGet("receipts/u1/e1/Kassenbon März (1).jpg");
    expect(() => verifyRequestSignature(request, secretFor, new Date())).not.toThrow();
  });

  it("refuses the URL once X-Amz-Expires has passed", async () => {
    const { request } = await presignedGet("a.jpg", { expiresIn: 60 });
    const error = refusal(() => verifyRequestSignature(request, secretFor, new Date(Date.now() + 61_000)));
    expect([error.code, error.status, error.message]).toEqual(["AccessDenied", 403, "Request has expired"]);
  });

  it("refuses a URL pointed at another key", async () => {
    const { url } = await presignedGet("receipts/u1/e1/a.jpg");
    url.pathname = url.pathname.replace("u1", "u2");
    const error = refusal(() => verifyRequestSignature(asRequest(url), secretFor, new Date()));
    expect([error.code, error.status]).toEqual(["SignatureDoesNotMatch", 403]);
  });

  it("refuses a lengthened X-Amz-Expires", async () => {
    const { url } = await presignedGet("a.jpg", { expiresIn: 60 });
    url.searchParams.set("X-Amz-Expires", "3600");
    expect(refusal(() => verifyRequestSignature(asRequest(url), secretFor, new Date())).code).toBe(
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a non-numeric X-Amz-Expires, which s3rver would let through forever", async () => {
    const { url } = await presignedGet("a.jpg");
    url.searchParams.set("X-Amz-Expires", "never");
    expect(refusal(() => verifyRequestSignature(asRequest(url), secretFor, new Date()))).toMatchObject({
      code: "AuthorizationQueryParametersError",
      status: 400,
    });
  });

  it("refuses an unknown access key and an unsigned request", async () => {
    const { url } = await presignedGet("a.jpg");
    const credential = url.searchParams.get("X-Amz-Credential") ?? "";
    url.searchParams.set("X-Amz-Credential", credential.replace("S3RVER", "SOMEONE"));
    expect(refusal(() => verifyRequestSignature(asRequest(url), secretFor, new Date())).code).toBe(
      "InvalidAccessKeyId",
    );
    const unsigned = { method: "GET", path: "/files/a.jpg", query: "", headers: { host: url.host } };
    expect(refusal(() => verifyRequestSignature(unsigned, secretFor, new Date()))).toMatchObject({
      code: "AccessDenied",
      status: 403,
    });
  });
});
