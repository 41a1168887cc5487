import { describe, expect, it } from "vitest";
import { describeUploadFailure, s3ErrorCode } from "./upload-failure";

const xml = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>…</Message><RequestId>1</RequestId></Error>`;

describe("s3ErrorCode", () => {
  it("reads the code of S3's XML error", () => {
    expect(s3ErrorCode(xml("EntityTooLarge"))).toBe("EntityTooLarge");
  });

  it("is null for a body that is not S3's error (a proxy's HTML page)", () => {
    expect(s3ErrorCode("<html><body>Bad gateway</body></html>")).toBeNull();
  });
});

describe("describeUploadFailure", () => {
  const limit = 10 * 1024 * 1024;

  it("explains a file over the grant's limit with the limit", () => {
    expect(describeUploadFailure({ kind: "refused", status: 400, code: "EntityTooLarge" }, limit)).toBe(
      "The file is larger than the 10 MB a receipt may be.",
    );
  });

  it("tells an expired grant apart from a refusal", () => {
    expect(describeUploadFailure({ kind: "refused", status: 403, code: "AccessDenied" }, limit)).toMatch(/ran out\. Try again/);
  });

  it("never shows S3's code or XML to the person", () => {
    for (const code of ["SignatureDoesNotMatch", "InvalidPolicyDocument", null]) {
      const text = describeUploadFailure({ kind: "refused", status: 400, code }, limit);
      expect(text).not.toMatch(/<|Signature|Policy/);
    }
  });
});
