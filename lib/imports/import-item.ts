/**
 * An import in the table (DESIGN "Data model"): `IMP#<id>` holds status, settings, counters, report lines and
 * the resume point; `IMB#<id>#<n>` records the ids each committed batch created (for undo); `IMK#<key>` marks a
 * row occurrence (fingerprint#n) as imported, so re-importing or overlapping a file adds only new rows.
 */
import { z } from "zod";
import { AmbiguitySchema, ColumnPreviewSchema, ImportSettingsSchema } from "../csv/import";
import { parseStored, type TableKey } from "../expenses/items";
import { EMPTY_COUNTS, ImportCountsSchema, ImportStatusSchema, ReportLineSchema, type ImportJson } from "./import-schemas";

export const importKey = (userId: string, id: string): TableKey => ({ userId, sk: `IMP#${id}` });
export const importBatchKey = (userId: string, id: string, batch: number): TableKey => ({ userId, sk: `IMB#${id}#${String(batch).padStart(6, "0")}` });
export const importBatchPrefix = (id: string): string => `IMB#${id}#`;
export const occurrenceItemKey = (userId: string, occurrence: string): TableKey => ({ userId, sk: `IMK#${occurrence}` });

/** Report lines kept in the item (it must stay far below DynamoDB's 400 KB); the counts are always complete. */
export const MAX_REPORT_LINES = 500;

/** Settings and detection are stored as JSON text: they hold nulls and nested lists DynamoDB maps handle badly. */
const JsonOf = <T extends z.ZodType>(schema: T) => z.string().transform((text): unknown => JSON.parse(text)).pipe(schema);

export const ImportItemSchema = z.object({
  userId: z.string(),
  sk: z.string().startsWith("IMP#"),
  id: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  objectKey: z.string(),
  status: ImportStatusSchema,
  error: z.string().optional(),
  settings: JsonOf(ImportSettingsSchema).optional(),
  ambiguities: JsonOf(z.array(AmbiguitySchema)).optional(),
  columns: JsonOf(z.array(ColumnPreviewSchema)).optional(),
  rowCount: z.number().int().optional(),
  counts: ImportCountsSchema.default(EMPTY_COUNTS),
  lines: z.array(ReportLineSchema).default([]),
  /** Rows handled so far (any kind) and the last file line whose batch is committed: the resume point. */
  done: z.number().int().default(0),
  cursorLine: z.number().int().default(0),
  batches: z.number().int().default(0),
  includeLines: z.array(z.number().int()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportItem = z.output<typeof ImportItemSchema>;

export const toImportItem = (item: unknown): ImportItem => parseStored(ImportItemSchema, item, "import");

export function toImportJson(item: ImportItem, preview?: ImportJson["preview"]): ImportJson {
  const isRunningOrDone = ["committing", "done", "undoing", "undone"].includes(item.status);
  return {
    id: item.id,
    fileName: item.fileName,
    status: item.status,
    ...(item.error !== undefined ? { error: item.error } : {}),
    ...(item.settings !== undefined ? { settings: item.settings } : {}),
    ...(item.ambiguities !== undefined ? { ambiguities: item.ambiguities } : {}),
    ...(item.columns !== undefined ? { columns: item.columns } : {}),
    ...(item.rowCount !== undefined ? { rowCount: item.rowCount } : {}),
    ...(preview ? { preview } : {}),
    ...(isRunningOrDone ? { progress: { done: item.done, total: item.rowCount ?? item.done }, counts: item.counts, lines: item.lines } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
