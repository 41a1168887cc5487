/**
 * The import's API shapes (the single source of their validation, types and OpenAPI) and its item in the table.
 * Import flow: POST /api/imports (grant) -> the browser uploads the CSV to S3 -> the import function detects the
 * settings (status `preview`) -> the user may change them (PATCH) and sees the preview update -> commit -> the
 * function writes in batches (status `committing`, progress) -> `done` with a report -> undo removes exactly what
 * it created.
 */
import { z } from "zod";
import { AmbiguitySchema, ColumnPreviewSchema, ImportSettingsSchema } from "../csv/import";
import { AmountTextSchema, CalendarDateSchema, ExpenseIdSchema, InstantSchema } from "../schemas";

/** 20 MB: enforced by the POST policy's content-length-range, and by this schema before any grant. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** What browsers and OSes call a .csv (Excel on Windows says vnd.ms-excel; some say plain text). */
export const IMPORT_CONTENT_TYPES = ["text/csv", "application/vnd.ms-excel", "text/plain", "application/csv", "text/tab-separated-values"] as const;

export const ImportIdSchema = ExpenseIdSchema.meta({ description: "Import id (ULID)" });

export const NewImportSchema = z
  .strictObject({
    fileName: z.string().trim().min(1).max(255).meta({ example: "statement-2025-03.csv" }),
    size: z.number().int("must be a whole number of bytes").min(1, "the file is empty").max(MAX_IMPORT_BYTES, "must be at most 20 MB"),
    contentType: z.enum(IMPORT_CONTENT_TYPES, { error: "must be a CSV file" }).default("text/csv"),
  })
  .meta({ id: "NewImport" });

export const ImportStatusSchema = z
  .enum(["uploading", "detecting", "preview", "failed", "committing", "done", "undoing", "undone"])
  .meta({ description: "uploading: waiting for the file; preview: read, nothing written yet; committing/undoing: running" });
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const ReportLineSchema = z.object({
  line: z.number().int().min(1),
  kind: z.enum(["skipped", "rejected", "possible-duplicate"]),
  reason: z.string(),
});
export type ReportLine = z.infer<typeof ReportLineSchema>;

export const ImportCountsSchema = z.object({
  accepted: z.number().int().min(0).meta({ description: "Rows stored as new expenses" }),
  duplicates: z.number().int().min(0).meta({ description: "Rows an earlier import already stored (same transaction, same occurrence)" }),
  possibleDuplicates: z.number().int().min(0).meta({ description: "Rows that look like an expense typed by hand: not stored unless asked" }),
  skipped: z.number().int().min(0).meta({ description: "Money in, pending, balance and summary lines" }),
  rejected: z.number().int().min(0).meta({ description: "Rows that could not be read (see lines)" }),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;
export const EMPTY_COUNTS: ImportCounts = { accepted: 0, duplicates: 0, possibleDuplicates: 0, skipped: 0, rejected: 0 };

/** A row as it would be stored: the fields of POST /api/expenses, amount as a decimal string. */
const PreviewExpenseSchema = z
  .object({
    date: CalendarDateSchema,
    amount: AmountTextSchema,
    currency: z.string(),
    category: z.string(),
    description: z.string(),
    merchant: z.string().optional(),
    tags: z.array(z.string()).optional(),
  })
  .meta({ description: "As it would be stored" });

const PreviewRowSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("expense"), line: z.number().int(), expense: PreviewExpenseSchema }),
  z.object({ kind: z.enum(["skipped", "rejected"]), line: z.number().int(), reason: z.string() }),
]);

export const ImportSchema = z
  .object({
    id: ImportIdSchema,
    fileName: z.string(),
    status: ImportStatusSchema,
    error: z.string().optional().meta({ description: "Why the file could not be read (status failed)" }),
    settings: ImportSettingsSchema.optional(),
    ambiguities: z.array(AmbiguitySchema).optional(),
    columns: z.array(ColumnPreviewSchema).optional(),
    rowCount: z.number().int().optional(),
    preview: z.array(PreviewRowSchema).optional().meta({ description: "The first rows as they would be stored, each with its problem if any" }),
    progress: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
    counts: ImportCountsSchema.optional(),
    lines: z.array(ReportLineSchema).optional().meta({ description: "Skipped, rejected and possible-duplicate rows with their line numbers (the first 500)" }),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .meta({ id: "Import" });
export type ImportJson = z.infer<typeof ImportSchema>;

export const ImportGrantSchema = z
  .object({
    importId: ImportIdSchema,
    url: z.url(),
    fields: z.record(z.string(), z.string()),
    expiresAt: InstantSchema,
    maxBytes: z.number().int(),
  })
  .meta({ id: "ImportGrant" });
export type ImportGrant = z.infer<typeof ImportGrantSchema>;

export const ImportSettingsUpdateSchema = z.strictObject({ settings: ImportSettingsSchema }).meta({ id: "ImportSettingsUpdate" });

export const ImportCommitSchema = z
  .strictObject({
    includeLines: z
      .array(z.number().int().min(1))
      .max(10_000)
      .optional()
      .meta({ description: "Possible duplicates to store anyway (their line numbers); a second commit of a done import stores only these" }),
  })
  .meta({ id: "ImportCommit" });
export type ImportCommit = z.infer<typeof ImportCommitSchema>;

export const ImportListSchema = z.object({ items: z.array(ImportSchema.omit({ preview: true, lines: true, columns: true })) }).meta({ id: "ImportList" });
export type ImportSummary = z.infer<typeof ImportListSchema>["items"][number];

/** What the API asks the import function to do (an asynchronous invocation). */
export const ImportCommandSchema = z.object({
  action: z.enum(["commit", "undo"]),
  userId: z.string().min(1),
  importId: ImportIdSchema,
});
export type ImportCommand = z.infer<typeof ImportCommandSchema>;
