/**
 * The import function's first step, on the uploaded file's ObjectCreated event: read the whole file, detect how
 * it is written, and leave the import in `preview` (or `failed`, with a reason a person understands). Nothing
 * is written to the user's expenses here.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { detectSettings } from "../csv/import";
import { CurrencySchema } from "../schemas";
import { parseImportKey, type ImportFiles } from "./import-files";
import { importKey, toImportItem } from "./import-item";

export type ImportWorkerDeps = { client: DynamoDBDocumentClient; tableName: string; files: ImportFiles; now?: () => Date };

export type DetectOutcome = { outcome: "preview"; rowCount: number } | { outcome: "failed"; error: string } | { outcome: "ignored" };

const UserSettingsSchema = z.object({ defaultCurrency: CurrencySchema.optional().catch(undefined), locale: z.string().optional() });

/** The user's currency and locale (settings item `SET`), which break ties a file leaves open. */
async function userDefaults(deps: ImportWorkerDeps, userId: string) {
  const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: { userId, sk: "SET" } }));
  const parsed = UserSettingsSchema.safeParse(Item ?? {});
  const settings = parsed.success ? parsed.data : {};
  return { defaultCurrency: settings.defaultCurrency ?? "EUR", ...(settings.locale ? { localeHint: settings.locale } : {}) };
}

export async function detectImport(deps: ImportWorkerDeps, objectKey: string): Promise<DetectOutcome> {
  const now = deps.now ?? (() => new Date());
  const parts = parseImportKey(objectKey);
  if (!parts) return { outcome: "ignored" };
  const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: importKey(parts.userId, parts.importId), ConsistentRead: true }));
  if (!Item || toImportItem(Item).status !== "uploading") return { outcome: "ignored" };
  const bytes = await deps.files.read(objectKey);
  if (!bytes) return { outcome: "ignored" };

  let update: { set: string; names: Record<string, string>; values: Record<string, unknown> };
  let outcome: DetectOutcome;
  try {
    const detection = detectSettings(bytes, await userDefaults(deps, parts.userId));
    update = {
      set: "#status = :preview, settings = :settings, ambiguities = :ambiguities, #columns = :columns, rowCount = :rows",
      names: { "#columns": "columns" },
      values: {
        ":preview": "preview",
        ":settings": JSON.stringify(detection.settings),
        ":ambiguities": JSON.stringify(detection.ambiguities),
        ":columns": JSON.stringify(detection.columns),
        ":rows": detection.rowCount,
      },
    };
    outcome = { outcome: "preview", rowCount: detection.rowCount };
  } catch (error) {
    // Detection fails on what is not a table of transactions at all (a PDF renamed .csv, an empty sheet).
    const message = error instanceof Error ? error.message : String(error);
    const reason = `This file could not be read as a bank or Ledgerline CSV: ${message}`;
    update = { set: "#status = :failed, #error = :error", names: { "#error": "error" }, values: { ":failed": "failed", ":error": reason } };
    outcome = { outcome: "failed", error: reason };
  }
  try {
    await deps.client.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: importKey(parts.userId, parts.importId),
        UpdateExpression: `SET ${update.set}, updatedAt = :now`,
        ConditionExpression: "#status = :uploading",
        ExpressionAttributeNames: { "#status": "status", ...update.names },
        ExpressionAttributeValues: { ...update.values, ":uploading": "uploading", ":now": now().toISOString() },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { outcome: "ignored" };
    throw error;
  }
  return outcome;
}
