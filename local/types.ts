/** Contracts between the pieces of the embedded local AWS (local/stack.ts composes them). */
import type { S3Event } from "aws-lambda";

export type RunningService = {
  /** http://127.0.0.1:<port> (or localhost) — what an SDK client or the browser talks to. */
  endpoint: string;
  stop(): Promise<void>;
};

export type DynamoDbOptions = {
  /** 0/undefined = a free port. */
  port?: number;
  /** Directory for -dbPath (persisted); undefined = -inMemory. */
  dbPath?: string;
};

export type S3Options = {
  port?: number;
  /** s3rver data directory; undefined = a fresh temporary directory removed on stop. */
  dir?: string;
  bucket: string;
  /** Origins allowed by the bucket's CORS rule (the site's origin). */
  allowedOrigins: string[];
  /** Called after an object is stored, with the event S3 would send to a subscribed Lambda. */
  onObjectCreated?: (event: S3Event) => void | Promise<void>;
};

export type CognitoOptions = {
  port?: number;
  /** cognito-local data directory; undefined = a fresh temporary directory removed on stop. */
  dir?: string;
  /** Access/id token lifetime; short in tests to exercise refresh. Default 3600. */
  accessTokenValiditySeconds?: number;
};

export type RunningCognito = RunningService & {
  userPoolId: string;
  clientId: string;
  /** The `iss` claim of its tokens: <endpoint>/<userPoolId>. */
  issuer: string;
};
