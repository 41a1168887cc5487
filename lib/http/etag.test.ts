import { describe, expect, it } from "vitest";
import { BadRequestError, PreconditionFailedError, PreconditionRequiredError } from "../errors";
import { etagOf, ifMatchVersion, requiredIfMatchVersion } from "./etag";

describe("ETag and If-Match", () => {
  it("quotes the version", () => {
    expect(etagOf(3)).toBe('"3"');
    expect(ifMatchVersion(etagOf(3))).toBe(3);
  });

  it("requires If-Match where a write must name its version", () => {
    expect(() => requiredIfMatchVersion(null)).toThrow(PreconditionRequiredError);
    expect(() => requiredIfMatchVersion("  ")).toThrow(PreconditionRequiredError);
    expect(ifMatchVersion(null)).toBeUndefined();
  });

  it("refuses the wildcard, which would skip the check", () => {
    expect(() => ifMatchVersion("*")).toThrow(PreconditionRequiredError);
  });

  it.each(['W/"3"', "3", '"abc"', '"0"', '""'])("treats %s as a version that cannot match (412)", (header) => {
    expect(() => ifMatchVersion(header)).toThrow(PreconditionFailedError);
  });

  it("asks for a single ETag", () => {
    expect(() => ifMatchVersion('"1", "2"')).toThrow(BadRequestError);
  });
});
