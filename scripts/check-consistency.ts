/**
 * npm run check:consistency: runs lib/consistency against the running `npm run dev` stack (its endpoints from
 * .local/dev/stack.json) and prints what it found. Exit 0 consistent, 1 inconsistent, 2 no stack to check.
 * `--json` prints the whole report.
 */
import { createDocumentClient } from "../lib/dynamo-client";
import { checkConsistency, type ConsistencyReport } from "../lib/consistency/check-consistency";
import { createS3Client } from "../lib/s3-client";
import { devStackFile, readDevStackInfo } from "../local/dev-stack-file";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local/stack";

function summary(report: ConsistencyReport): string {
  const { checked, receiptsByStatus } = report;
  const lines = [
    `checked ${checked.items} items: ${checked.expenses} expenses, ${checked.aggregateCells} aggregate cells, ${checked.scans} scans; ${checked.receiptObjects} objects under receipts/`,
    `receipts: ${receiptsByStatus.ready} ready, ${receiptsByStatus.pending} pending, ${receiptsByStatus.rejected} rejected`,
    `aggregates differing from their items: ${report.aggregateMismatches.length}`,
    ...report.aggregateMismatches.slice(0, 10).map((m) => `  ${m.userId} ${m.month} ${m.category} ${m.currency}: stored ${m.stored.totalMinor} (${m.stored.count}), items ${m.fromItems.totalMinor} (${m.fromItems.count})`),
    `orphan objects: ${report.orphanObjects.length}`,
    ...report.orphanObjects.slice(0, 10).map((key) => `  ${key}`),
    `objects not named by their expense: ${report.unreferencedObjects.length}`,
    ...report.unreferencedObjects.slice(0, 10).map((key) => `  ${key}`),
    `ready receipts missing a file: ${report.missingObjects.length}`,
    ...report.missingObjects.slice(0, 10).map((m) => `  ${m.key}`),
    `unreadable items: ${report.unreadableItems.length}`,
    ...report.unreadableItems.slice(0, 10).map((i) => `  ${i.userId} ${i.sk}: ${i.reason.slice(0, 200)}`),
    report.isConsistent ? "consistent" : "INCONSISTENT",
  ];
  return lines.join("\n");
}

async function main(): Promise<number> {
  const info = readDevStackInfo();
  if (!info) {
    console.error(`No running local stack: ${devStackFile()} is missing. Start it with npm run dev.`);
    return 2;
  }
  const client = createDocumentClient({ endpoint: info.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const s3 = createS3Client({ AWS_ENDPOINT_URL_S3: info.s3Endpoint }, { endpoint: info.s3Endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const report = await checkConsistency({ client, tableName: info.tableName, s3, bucket: info.bucket });
    console.log(process.argv.includes("--json") ? JSON.stringify(report, null, 2) : summary(report));
    return report.isConsistent ? 0 : 1;
  } catch (error) {
    console.error(`Could not check the local stack at ${info.dynamodbEndpoint} / ${info.s3Endpoint} (is npm run dev running?): ${String(error)}`);
    return 2;
  } finally {
    client.destroy();
    s3.destroy();
  }
}

main().then((code) => process.exit(code));
