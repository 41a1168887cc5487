/**
 * Least privilege for `link`. SST's default link grants `dynamodb:*` on the table and everything under it,
 * `s3:*` on the bucket and `cognito-idp:*` on the user pool. Our code needs much less, so the link definitions
 * of these component types are narrowed here, once, before anything links them. The properties (what
 * `Resource.X` exposes) stay exactly SST's: `{ name }` for Dynamo and Bucket, `{ id }` for the pool.
 */

/**
 * Item-level DynamoDB actions. There is no IAM action for TransactWriteItems/TransactGetItems: a transaction is
 * authorised item by item with Put/Update/Delete/ConditionCheck/GetItem. No Scan (never needed, see DESIGN.md).
 */
export const tableActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
];

/**
 * Object actions: presigned POST/GET are authorised by the signer's PutObject/GetObject; DELETE removes receipts.
 * A receipt's presigned POST carries a `tagging` field (infra/storage.ts, unprocessedReceiptTag), which S3
 * authorises with the signer's PutObjectTagging as well.
 */
export const objectActions = ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"];

/** Bucket-level: listing a prefix (deleting an expense's receipt objects) and a 404 rather than a 403 on HeadObject. */
export const bucketActions = ["s3:ListBucket"];

sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({
  properties: { name: table.name },
  include: [
    // The table and its indexes (LSI byDate, GSI byCategory) only: not its stream, exports or backups.
    sst.aws.permission({ actions: tableActions, resources: [table.arn, $interpolate`${table.arn}/index/*`] }),
  ],
}));

sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({
  properties: { name: bucket.name },
  include: [
    sst.aws.permission({ actions: objectActions, resources: [$interpolate`${bucket.arn}/*`] }),
    sst.aws.permission({ actions: bucketActions, resources: [bucket.arn] }),
  ],
}));

// The pool id is public (it is in every token's `iss`); tokens are verified against the public JWKS, so
// reading Resource.UserPool.id needs no IAM permission at all.
sst.Linkable.wrap(sst.aws.CognitoUserPool, (pool) => ({
  properties: { id: pool.id },
}));
