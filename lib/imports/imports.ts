/**
 * One user's imports, for the API: grant an upload, show the detection and a live preview, change the
 * settings, ask for the commit or the undo (run by the import function, which the API invokes without waiting).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { mapRows, type ImportSettings } from "../csv/import";
import { ConflictError, NotFoundError } from "../errors";
import { transactWrite } from "../expenses/transact";
import { formatAmount } from "../money";
import type { RateLimiter } from "../rate-limit";
import { importObjectKey, type ImportFiles } from "./import-files";
import { importKey, toImportItem, toImportJson, type ImportItem } from "./import-item";
import {
  EMPTY_COUNTS,
  ImportIdSchema,
  type ImportCommand,
  type ImportCommit,
  type ImportGrant,
  type ImportJson,
  type ImportSummary,
  type ImportStatus,
} from "./import-schemas";

export const PREVIEW_ROWS = 20;

export type ImportsDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  files: ImportFiles;
  /** Starts the import function on a command without waiting for it (Lambda's asynchronous invocation). */
  invoke: (command: ImportCommand) => Promise<void>;
  rateLimiter?: RateLimiter;
  now?: () => Date;
  newId?: () => string;
};

export type UserImports = {
  create(input: { fileName: string; size: number; contentType: string }): Promise<ImportGrant>;
  list(): Promise<ImportSummary[]>;
  get(id: string): Promise<ImportJson>;
  updateSettings(id: string, settings: ImportSettings): Promise<ImportJson>;
  commit(id: string, request: ImportCommit): Promise<ImportJson>;
  undo(id: string): Promise<ImportJson>;
};

const noImport = () => new NotFoundError("No import with this id.");

/** The first rows as they would be stored, each with its problem: what the user checks before committing. */
export function previewRows(bytes: Uint8Array, settings: ImportSettings, today: string): NonNullable<ImportJson["preview"]> {
  const rows: NonNullable<ImportJson["preview"]> = [];
  for (const row of mapRows(bytes, settings, { today })) {
    if (row.kind === "expense") {
      const { amountMinor, ...input } = row.input;
      rows.push({ kind: "expense", line: row.line, expense: { ...input, amount: formatAmount(amountMinor, input.currency) } });
    } else rows.push({ kind: row.kind, line: row.line, reason: row.reason });
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return rows;
}

export function createImports(deps: ImportsDeps): (userId: string) => UserImports {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? monotonicFactory();
  return (userId) => {
    const key = (id: string) => {
      if (!ImportIdSchema.safeParse(id).success) throw noImport();
      return importKey(userId, id);
    };

    async function load(id: string): Promise<ImportItem> {
      const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: key(id), ConsistentRead: true }));
      if (!Item) throw noImport();
      return toImportItem(Item);
    }

    async function view(item: ImportItem): Promise<ImportJson> {
      if (item.status !== "preview" || !item.settings) return toImportJson(item);
      const bytes = await deps.files.read(item.objectKey);
      return toImportJson(item, bytes ? previewRows(bytes, item.settings, now().toISOString().slice(0, 10)) : []);
    }

    /** Moves the import from one of `from` to `to` (409 when it is elsewhere), then returns it. */
    async function transition(id: string, from: ImportStatus[], to: ImportStatus, extra: { set?: string; values?: Record<string, unknown> } = {}) {
      const values = { ":to": to, ":now": now().toISOString(), ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])), ...extra.values };
      try {
        await deps.client.send(
          new UpdateCommand({
            TableName: deps.tableName,
            Key: key(id),
            UpdateExpression: `SET #status = :to, updatedAt = :now${extra.set ? `, ${extra.set}` : ""}`,
            ConditionExpression: `attribute_exists(sk) AND #status IN (${from.map((_, i) => `:from${i}`).join(", ")})`,
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: values,
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const current = await load(id);
        throw new ConflictError(`This import is ${current.status}; it cannot be ${to === "committing" ? "committed" : to === "undoing" ? "undone" : "changed"} now.`);
      }
    }

    return {
      async create(input) {
        await deps.rateLimiter?.consume(userId);
        const id = newId();
        const objectKey = importObjectKey(userId, id);
        const at = now().toISOString();
        await transactWrite(deps.client, [
          {
            Put: {
              TableName: deps.tableName,
              Item: { ...importKey(userId, id), id, fileName: input.fileName, size: input.size, objectKey, status: "uploading", counts: EMPTY_COUNTS, lines: [], done: 0, cursorLine: 0, batches: 0, createdAt: at, updatedAt: at },
              ConditionExpression: "attribute_not_exists(sk)",
            },
          },
        ]);
        return { importId: id, ...(await deps.files.grantUpload(objectKey, input.contentType)) };
      },

      async list() {
        const { Items } = await deps.client.send(
          new QueryCommand({
            TableName: deps.tableName,
            KeyConditionExpression: "userId = :u AND begins_with(sk, :p)",
            ExpressionAttributeValues: { ":u": userId, ":p": "IMP#" },
            ScanIndexForward: false,
            Limit: 20,
          }),
        );
        return (Items ?? []).map((item) => {
          // What the list documents: column samples, preview rows and report lines only come with GET /api/imports/{id}.
          const { columns: _columns, preview: _preview, lines: _lines, ...summary } = toImportJson(toImportItem(item));
          return summary;
        });
      },

      get: async (id) => view(await load(id)),

      async updateSettings(id, settings) {
        await transition(id, ["preview"], "preview", { set: "settings = :settings", values: { ":settings": JSON.stringify(settings) } });
        return view(await load(id));
      },

      async commit(id, request) {
        await deps.rateLimiter?.consume(userId);
        const current = await load(id);
        // A done import can be committed again only to store possible duplicates the user chose to keep.
        if (current.status === "done" && !request.includeLines?.length) throw new ConflictError("This import is done; choose the possible duplicates to keep.");
        const include = request.includeLines?.length ? { set: "includeLines = :include, cursorLine = :zero", values: { ":include": request.includeLines, ":zero": 0 } } : {};
        await transition(id, current.status === "done" ? ["done"] : ["preview"], "committing", include);
        await deps.invoke({ action: "commit", userId, importId: id });
        return view(await load(id));
      },

      async undo(id) {
        await deps.rateLimiter?.consume(userId);
        await transition(id, ["done", "failed"], "undoing");
        await deps.invoke({ action: "undo", userId, importId: id });
        return view(await load(id));
      },
    };
  };
}
