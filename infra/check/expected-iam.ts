/**
 * What the function tests expect to find: the physical names and ARNs the mock cloud gives the shared resources,
 * and the IAM statements the narrowed links of infra/links.ts (and SST itself) put on a function's role. Written
 * out literally, not derived from infra/links.ts, so that a change there shows up as a failing expectation.
 */
import type { Evaluation, RecordedResource } from "./evaluation";
import { mockAccount, mockRegion, mockStreamArn } from "./mock-cloud";
import { resource, type Statement } from "./queries";

export function deployedNames(e: Evaluation) {
  return {
    table: String(resource(e, "aws:dynamodb/table:Table", "ExpensesTable").inputs.name),
    bucket: String(resource(e, "aws:s3/bucket:Bucket", "FilesBucket").inputs.bucket),
  };
}

export function tableArn(e: Evaluation): string {
  return `arn:aws:dynamodb:${mockRegion}:${mockAccount}:table/${deployedNames(e).table}`;
}

export function streamArn(e: Evaluation): string {
  return mockStreamArn(tableArn(e));
}

/** The ARN of a recorded aws:lambda/function:Function. */
export function lambdaArn(fn: RecordedResource): string {
  return `arn:aws:lambda:${mockRegion}:${mockAccount}:function:${String(fn.inputs.name)}`;
}

const allow = (actions: string[], resources: string[]): Statement => ({ effect: "Allow", actions, resources, principals: {} });

/** Linking the Expenses table: item actions on the table and its indexes, no Scan, not its stream. */
export function tableLinkStatement(e: Evaluation): Statement {
  return allow(
    [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DescribeTable",
    ],
    [tableArn(e), `${tableArn(e)}/index/*`],
  );
}

/** Linking the Files bucket: object actions on its objects, ListBucket on the bucket. */
export function bucketLinkStatements(e: Evaluation): Statement[] {
  const { bucket } = deployedNames(e);
  return [
    allow(["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"], [`arn:aws:s3:::${bucket}/*`]),
    allow(["s3:ListBucket"], [`arn:aws:s3:::${bucket}`]),
  ];
}

/** What `table.subscribe` adds so that Lambda can poll the stream for the subscriber: the stream only. */
export function streamReadStatement(e: Evaluation): Statement {
  return allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], [streamArn(e)]);
}

/** What `sst dev` adds to a live function's role: its AppSync relay and SST's asset bucket. */
export function devRelayStatements(): Statement[] {
  const asset = "sst-asset-mock";
  return [allow(["appsync:*"], ["*"]), allow(["s3:*"], [`arn:aws:s3:::${asset}`, `arn:aws:s3:::${asset}/*`])];
}

/** The wildcard actions and `*` resources among the statements (a deployed role should have none). */
export function wildcards(statements: Statement[]): string[] {
  return statements.flatMap((s) => [
    ...s.actions.filter((a) => a.includes("*")).map((a) => `action ${a}`),
    ...s.resources.filter((r) => r === "*").map(() => `resource * (${s.actions.join(", ")})`),
  ]);
}
