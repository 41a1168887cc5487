import { describe, expect, it } from "vitest";
import { LocalModeRefused, requireAllowedMode, resolveLocalMode } from "./local-mode";

const LOCAL_ENV = {
  AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
  AWS_ENDPOINT_URL_S3: "http://localhost:9000",
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "http://[::1]:9229",
  AWS_REGION: "us-east-1",
};

describe("local mode", () => {
  it("applies the emulator overrides in the local stage towards loopback", () => {
    expect(resolveLocalMode("local", LOCAL_ENV)).toEqual({ kind: "local", cognitoEndpoint: "http://[::1]:9229" });
  });

  it("is a plain deployment outside local when no override is set", () => {
    expect(resolveLocalMode("production", { AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL_S3: "" })).toEqual({ kind: "deployed", stage: "production" });
  });

  it.each(["production", "staging", "pr-42", "Local", "local "])("ignores and refuses the overrides in stage %j", (stage) => {
    const mode = resolveLocalMode(stage, LOCAL_ENV);
    expect(mode).toMatchObject({ kind: "refused" });
    expect(mode).not.toHaveProperty("cognitoEndpoint");
    expect(() => requireAllowedMode(mode)).toThrow(LocalModeRefused);
    expect(() => requireAllowedMode(mode)).toThrow(/AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER point the AWS SDK at an emulator/);
  });

  it("refuses the generic AWS_ENDPOINT_URL outside local too", () => {
    expect(() => requireAllowedMode(resolveLocalMode("production", { AWS_ENDPOINT_URL: "http://127.0.0.1:4566" }))).toThrow(/AWS_ENDPOINT_URL points/);
  });

  it.each(["http://10.0.0.5:8000", "http://127.0.0.1.evil.example:8000", "http://localhost@evil.example", "file:///tmp/x", "not a url", "ftp://127.0.0.1"])(
    "refuses a local stage whose endpoint %j is not on this machine",
    (endpoint) => {
      expect(() => requireAllowedMode(resolveLocalMode("local", { ...LOCAL_ENV, AWS_ENDPOINT_URL_DYNAMODB: endpoint }))).toThrow(/not one/);
    },
  );

  it("refuses to run without knowing its stage", () => {
    expect(() => requireAllowedMode(resolveLocalMode(undefined, {}))).toThrow(/does not know its stage/);
  });
});
