/** An error as S3 reports it: a stable code, an HTTP status and the XML `<Error>` body. */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra elements S3 adds to the body (e.g. `MaxSizeAllowed`). */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "S3Error";
  }

  toXml(requestId: string): string {
    const extra = Object.entries(this.details)
      .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
      .join("");
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${this.code}</Code><Message>${escapeXml(this.message)}</Message>${extra}` +
      `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`
    );
  }
}

export const accessDenied = (message = "Access Denied") => new S3Error("AccessDenied", 403, message);

export const signatureDoesNotMatch = () =>
  new S3Error(
    "SignatureDoesNotMatch",
    403,
    "The request signature we calculated does not match the signature you provided. " +
      "Check your key and signing method.",
  );

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
