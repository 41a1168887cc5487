/**
 * The fake AWS behind Pulumi's mocks: plausible computed outputs (ARNs, ids, domain names) for the resources
 * Ledgerline's infrastructure creates, and answers to the provider functions SST invokes. Deterministic, so
 * assertions can name ARNs.
 */
import type { Json, JsonObject } from "./evaluation";

export const mockRegion = "us-east-1";
export const mockAccount = "123456789012";

type Inputs = Record<string, unknown>;

/** The stream ARN the mock gives a table (AWS appends the stream's creation time to the table's ARN). */
export function mockStreamArn(tableArn: string): string {
  return `${tableArn}/stream/2026-01-01T00:00:00.000`;
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

function service(type: string): string {
  // "aws:dynamodb/table:Table" -> "dynamodb"
  return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

/** The outputs a resource would have after creation: its inputs plus what AWS computes. */
export function resourceState(type: string, name: string, inputs: Inputs): { id: string; state: Inputs } {
  const region = mockRegion;
  const account = mockAccount;
  const physical = text(inputs.name, name);
  switch (type) {
    case "aws:dynamodb/table:Table": {
      const arn = `arn:aws:dynamodb:${region}:${account}:table/${physical}`;
      return { id: physical, state: { ...inputs, arn, streamArn: mockStreamArn(arn) } };
    }
    case "aws:s3/bucket:Bucket": {
      const bucket = text(inputs.bucket, name.toLowerCase());
      return {
        id: bucket,
        state: {
          ...inputs,
          bucket,
          arn: `arn:aws:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    }
    case "aws:cognito/userPool:UserPool": {
      const id = `${region}_Mock${name.length}`;
      return {
        id,
        state: { ...inputs, arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${id}`, endpoint: `cognito-idp.${region}.amazonaws.com/${id}` },
      };
    }
    case "aws:cognito/userPoolClient:UserPoolClient": {
      const id = `mockclient${name.toLowerCase()}`;
      return { id, state: { ...inputs, clientSecret: inputs.generateSecret === true ? "mock-client-secret" : "" } };
    }
    case "aws:cloudfront/distribution:Distribution": {
      const id = "E2MOCKDISTRIB";
      return {
        id,
        state: {
          ...inputs,
          arn: `arn:aws:cloudfront::${account}:distribution/${id}`,
          domainName: "d111111abcdef8.cloudfront.net",
          hostedZoneId: "Z2FDTNDATAQYW2",
          etag: "E2MOCKETAG",
        },
      };
    }
    case "aws:lambda/function:Function":
      return {
        id: physical,
        state: {
          ...inputs,
          arn: `arn:aws:lambda:${region}:${account}:function:${physical}`,
          invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${account}:function:${physical}/invocations`,
          qualifiedArn: `arn:aws:lambda:${region}:${account}:function:${physical}:1`,
          version: "1",
        },
      };
    case "aws:lambda/functionUrl:FunctionUrl":
      return { id: name, state: { ...inputs, functionUrl: `https://${name.toLowerCase()}.lambda-url.${region}.on.aws/` } };
    case "aws:iam/role:Role":
      return { id: physical, state: { ...inputs, arn: `arn:aws:iam::${account}:role/${physical}` } };
    case "aws:sqs/queue:Queue":
      return {
        id: physical,
        state: {
          ...inputs,
          arn: `arn:aws:sqs:${region}:${account}:${physical}`,
          url: `https://sqs.${region}.amazonaws.com/${account}/${physical}`,
        },
      };
    case "random:index/randomId:RandomId":
      return { id: "mockid", state: { ...inputs, hex: "a1b2c3d4", b64Url: "obLD1A", b64Std: "obLD1A==", dec: "2712847316" } };
    case "random:index/randomBytes:RandomBytes":
      return { id: "mockbytes", state: { ...inputs, base64: Buffer.alloc(32, 7).toString("base64"), hex: "07".repeat(32) } };
    default:
      return {
        id: `${name}-id`,
        state: { ...inputs, arn: text(inputs.arn, `arn:aws:${service(type)}:${region}:${account}:${name}`) },
      };
  }
}

type PolicyStatementInput = {
  sid?: string;
  effect?: string;
  actions?: unknown;
  notActions?: unknown;
  resources?: unknown;
  principals?: { type: string; identifiers: unknown }[];
  conditions?: { test: string; variable: string; values: unknown }[];
};

/** aws.iam.getPolicyDocument: the JSON AWS would render for the given statements. */
function policyDocument(inputs: Inputs): JsonObject {
  const statements = Array.isArray(inputs.statements) ? (inputs.statements as PolicyStatementInput[]) : [];
  const rendered = statements.map((s) => {
    const out: JsonObject = { Effect: s.effect === "Deny" ? "Deny" : "Allow" };
    if (s.sid) out.Sid = s.sid;
    if (s.actions !== undefined) out.Action = s.actions as Json;
    if (s.notActions !== undefined) out.NotAction = s.notActions as Json;
    if (s.resources !== undefined) out.Resource = s.resources as Json;
    if (s.principals) {
      const principal: JsonObject = {};
      for (const p of s.principals) principal[p.type] = p.identifiers as Json;
      out.Principal = principal;
    }
    if (s.conditions) {
      const condition: JsonObject = {};
      for (const c of s.conditions) {
        const byTest = (condition[c.test] ?? {}) as JsonObject;
        byTest[c.variable] = c.values as Json;
        condition[c.test] = byTest;
      }
      out.Condition = condition;
    }
    return out;
  });
  const json = JSON.stringify({ Version: "2012-10-17", Statement: rendered });
  return { id: "policy", json, minifiedJson: json, statements: statements as unknown as Json };
}

/** Provider functions (`aws.getRegionOutput()`, `aws.iam.getPolicyDocumentOutput()`, …). */
export function invokeResult(token: string, inputs: Inputs): Inputs {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { id: mockRegion, name: mockRegion, region: mockRegion, endpoint: `ec2.${mockRegion}.amazonaws.com`, description: "US East (N. Virginia)" };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { id: mockAccount, accountId: mockAccount, arn: `arn:aws:iam::${mockAccount}:user/mock`, userId: "AIDAMOCK" };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return policyDocument(inputs);
    default:
      // Managed CloudFront policies and the like: an id is all SST reads from them.
      return { ...inputs, id: `${token.split(":").pop() ?? "invoke"}-mock-id` };
  }
}
