/** What one offline evaluation of sst.config.ts's run() produced: the JSON the program harness writes. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** `deploy` = `sst deploy`/`sst diff` ($dev false); `dev` = `sst dev` ($dev true). */
export type EvaluationMode = "deploy" | "dev";

/** A Pulumi resource registration as the engine would receive it. */
export type RecordedResource = {
  urn: string;
  type: string;
  name: string;
  /** URN of the parent ("" for the stack itself). */
  parent: string;
  custom: boolean;
  inputs: JsonObject;
  retainOnDelete: boolean;
  protect: boolean;
  /** What a component registered as its outputs (empty for most resources). */
  outputs: JsonObject;
};

/** An `sst.aws.Function` as SST's CLI is asked to build it (RPC `Runtime.Build` / `Runtime.AddTarget`). */
export type RecordedFunction = {
  functionID: string;
  handler: string | null;
  bundle: string | null;
  runtime: string | null;
  /** Names of the linked components (what `Resource.X` the function can read). */
  links: string[];
  /**
   * `nodejs.install`: the packages SST leaves out of the bundle and `npm install`s beside it (for linux), each
   * with the version the CLI resolves from package.json ("*" when it has none).
   */
  install: Record<string, string>;
  dev: boolean;
};

export type AppInfo = {
  name: string;
  stage: string;
  removal: string;
  protect: boolean;
  home: string;
};

export type Evaluation = {
  mode: EvaluationMode;
  app: AppInfo;
  resources: RecordedResource[];
  /** Provider functions invoked (aws:index/getRegion:getRegion, …), in order. */
  invokes: string[];
  builds: RecordedFunction[];
  devTargets: RecordedFunction[];
  /** RPC methods the program called that the harness does not emulate (should stay empty). */
  unknownRpc: string[];
  outputs: JsonObject;
  errors: string[];
  durationMs: number;
};
