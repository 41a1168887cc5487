/** The zod schemas: the single source of validation, TypeScript types and the OpenAPI document. */
import { z } from "zod";
import { ValidationError } from "./errors";
import { monthsTouched } from "./expenses/summary-months";
import { currencyExponent, isCurrencyCode, parseAmount } from "./money";

// ---- shared fields ----

/** An ISO 4217 code of the pinned table (lib/currency-exponents.ts), so its exponent is known too. */
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: "must be a three-letter ISO 4217 code such as EUR", abort: true })
  .refine(isCurrencyCode, "is not an ISO 4217 currency code")
  .meta({ description: "ISO 4217 currency code", example: "EUR" });

/** A currency as stored: any well-formed code reads back, even one the table no longer accepts for new amounts. */
const StoredCurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code")
  .meta({ description: "ISO 4217 currency code", example: "EUR" });

/** A real calendar date (zod's ISO date rejects 2024-02-30). */
export const CalendarDateSchema = z.iso.date().meta({ description: "Calendar date, YYYY-MM-DD", example: "2025-03-14" });

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .meta({ description: "Calendar month, YYYY-MM", example: "2025-03" });

/** ULID: 26 Crockford base32 characters; sortable by creation time. */
export const ExpenseIdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be an expense id")
  .meta({ description: "Expense id (ULID)", example: "01JQ3Z8K4M5N6P7Q8R9S0T1V2W" });

export const InstantSchema = z.iso.datetime().meta({ description: "Instant, ISO 8601 UTC", example: "2025-03-14T09:30:00.000Z" });

/** Printable ASCII, like the Stripe/IETF draft keys clients generate (UUIDs, ULIDs). */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "must be 1-200 printable ASCII characters")
  .meta({ description: "Client-chosen key; a retry with the same key and body replays the first response" });

export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** GET /api/me: who the access token proves. */
export const MeSchema = z
  .object({
    userId: z.string().meta({ description: "The Cognito `sub`: the partition key of this user's data" }),
    email: z.email(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof MeSchema>;

/** RFC 9457 problem details as lib/http/problem.ts writes them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });
export type Problem = z.infer<typeof ProblemSchema>;

// ---- expenses ----

/** The categories every user starts with; any other trimmed name is a user-defined category. */
export const DEFAULT_CATEGORIES = [
  "Food",
  "Transport",
  "Housing",
  "Utilities",
  "Health",
  "Entertainment",
  "Shopping",
  "Travel",
  "Other",
] as const;

const canonicalDefaults = new Map(DEFAULT_CATEGORIES.map((name) => [name.toLowerCase(), name]));
const SINGLE_LINE = /^[^\p{Cc}]*$/u;

/** "food" and "Food" are the same default category; user-defined names are kept as typed (trimmed). */
export const CategorySchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(50, "must be at most 50 characters")
  .regex(SINGLE_LINE, "must be a single line of text")
  .transform((name) => canonicalDefaults.get(name.toLowerCase()) ?? name)
  .meta({ description: `One of ${DEFAULT_CATEGORIES.join(", ")} or a name of your own`, example: "Food" });

/** A decimal string; how many decimals are allowed depends on the currency (checked with it). */
export const AmountTextSchema = z
  .string()
  .max(32, { abort: true })
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal string such as "12.34"')
  .meta({
    description: "Decimal string with at most the currency's decimals (JPY 0, EUR 2, KWD 3); > 0 and < 10^12 minor units",
    example: "12.34",
  });

const DescriptionSchema = z.string().trim().max(500);
const MerchantSchema = z.string().trim().min(1).max(200).regex(SINGLE_LINE, "must be a single line of text");
const TagsSchema = z
  .array(z.string().trim().min(1).max(30).regex(SINGLE_LINE, "must be a single line of text"))
  .max(20)
  .transform((tags) => [...new Set(tags)]);

// ---- receipts ----

/** What a receipt may be: photos (HEIC/HEIF from iPhones and some Androids) and PDFs. */
export const RECEIPT_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf"] as const;
export type ReceiptContentType = (typeof RECEIPT_CONTENT_TYPES)[number];
/** 10 MB: the POST policy's content-length-range enforces it at S3, this schema before any grant. */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

export const ReceiptContentTypeSchema = z
  .enum(RECEIPT_CONTENT_TYPES, { error: "must be a JPEG, PNG, WebP or HEIC photo, or a PDF" })
  .meta({ description: "MIME type of the file the browser will upload", example: "image/jpeg" });

export const ReceiptStatusSchema = z
  .enum(["pending", "ready", "rejected"])
  .meta({ description: "pending: uploaded or uploading, not yet checked; ready: checked and viewable; rejected: the file was refused (see reason)" });
export type ReceiptStatus = z.infer<typeof ReceiptStatusSchema>;

/** The receipt as part of an expense: its state, never its storage keys. */
export const ReceiptSchema = z
  .object({
    status: ReceiptStatusSchema,
    contentType: z.string().optional().meta({ description: "Declared type while pending; the stored file's type once ready" }),
    reason: z.string().optional().meta({ description: "Why the file was rejected, in words a person understands" }),
    hasThumbnail: z.boolean().optional().meta({ description: "A 320 px WebP thumbnail exists (images only)" }),
    updatedAt: InstantSchema.optional(),
    replacement: z
      .object({
        status: z.enum(["pending", "rejected"]),
        reason: z.string().optional(),
        expiresAt: InstantSchema.meta({ description: "The upload grant's end: a replacement still pending after it never arrived" }),
      })
      .optional()
      .meta({ description: "A new file replacing a ready receipt: the ready one stays until the new one is checked" }),
  })
  .meta({ id: "Receipt", description: "State of the expense's receipt" });
export type Receipt = z.infer<typeof ReceiptSchema>;

/** Body of POST /api/expenses/{id}/receipt. */
export const ReceiptUploadRequestSchema = z
  .strictObject({
    contentType: ReceiptContentTypeSchema,
    size: z
      .number({ error: "must be the file size in bytes" })
      .int("must be a whole number of bytes")
      .min(1, "the file is empty")
      .max(MAX_RECEIPT_BYTES, "must be at most 10 MB"),
  })
  .meta({ id: "ReceiptUploadRequest" });
export type ReceiptUploadRequest = z.output<typeof ReceiptUploadRequestSchema>;

/** A presigned POST: send `fields` (in order) then the file as `file`, as multipart/form-data, to `url`. */
export const ReceiptUploadSchema = z
  .object({
    url: z.url(),
    fields: z.record(z.string(), z.string()).meta({ description: "Form fields to send before the file, as given" }),
    expiresAt: InstantSchema.meta({ description: "The grant is refused by S3 after this instant" }),
    maxBytes: z.number().int().meta({ description: "Largest file the grant accepts" }),
  })
  .meta({ id: "ReceiptUpload" });
export type ReceiptUpload = z.infer<typeof ReceiptUploadSchema>;

export const PresignedLinkSchema = z.object({ url: z.url(), expiresAt: InstantSchema });
export type PresignedLink = z.infer<typeof PresignedLinkSchema>;

/** GET /api/expenses/{id}/receipt: the state, and short-lived links once the receipt is ready. */
export const ReceiptViewSchema = z
  .object({
    status: ReceiptStatusSchema,
    contentType: z.string().optional(),
    reason: z.string().optional(),
    fileName: z.string().meta({ description: "A safe file name for saving", example: "receipt-2025-03-14.jpg" }),
    original: PresignedLinkSchema.optional().meta({ description: "The stored file (metadata stripped), inline" }),
    thumbnail: PresignedLinkSchema.optional().meta({ description: "320 px WebP thumbnail (images only)" }),
  })
  .meta({ id: "ReceiptView" });
export type ReceiptView = z.infer<typeof ReceiptViewSchema>;

// ---- receipt scans ----

/** 0..1: how sure the reader is (heuristic; see each reader). The UI marks every scanned field for checking. */
export const ConfidenceSchema = z.number().min(0).max(1);

const scanned = <T extends z.ZodType>(value: T) => z.object({ value, confidence: ConfidenceSchema });

export const ScanResultSchema = z
  .object({
    amount: scanned(AmountTextSchema)
      .optional()
      .meta({ description: "The total, as a decimal string with the decimals of `currency` (or of the scan's currency when none was read)" }),
    currency: scanned(CurrencySchema).optional().meta({ description: "Read from a symbol or code; absent: the form's currency applies" }),
    date: scanned(CalendarDateSchema).optional().meta({ description: "Purchase date, never after the day of the scan" }),
    merchant: scanned(z.string().min(1).max(200).regex(/^[^\p{Cc}]*$/u)).optional(),
  })
  .meta({ id: "ScanResult", description: "What a receipt scan proposes; every field is optional" });
export type ScanResult = z.infer<typeof ScanResultSchema>;

/** Body of POST /api/scans: the photo to upload, and what the reader needs to know of the user's form. */
export const ScanRequestSchema = z
  .strictObject({
    contentType: ReceiptContentTypeSchema,
    size: ReceiptUploadRequestSchema.shape.size,
    today: CalendarDateSchema.meta({ description: "The user's calendar day: no later purchase date is proposed" }),
    currency: CurrencySchema.meta({ description: "The form's currency: the amount's decimals when the receipt names none" }),
  })
  .meta({ id: "ScanRequest" });
export type ScanRequest = z.output<typeof ScanRequestSchema>;

export const ScanStateSchema = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("pending") }),
    z.object({ status: z.literal("done"), result: ScanResultSchema }),
    z.object({ status: z.literal("failed"), reason: z.string() }),
  ])
  .meta({ description: "pending: the photo is not read yet; done: see result (possibly empty); failed: the reader could not read it" });

export const ScanSchema = z
  .object({
    id: ExpenseIdSchema.meta({ description: "The scan's id; the expense saved with `scanId` gets this id and keeps the photo as its receipt" }),
    receipt: ReceiptSchema,
    scan: ScanStateSchema,
    expiresAt: InstantSchema.meta({ description: "An unsaved scan and its photo are deleted after this" }),
  })
  .meta({ id: "Scan" });
export type Scan = z.infer<typeof ScanSchema>;

export const ScanStartSchema = z
  .object({ id: ExpenseIdSchema, upload: ReceiptUploadSchema })
  .meta({ id: "ScanStart", description: "The new scan's id and the presigned POST for its photo" });
export type ScanStart = z.infer<typeof ScanStartSchema>;

function amountIssue(error: unknown, ctx: z.RefinementCtx): typeof z.NEVER {
  if (!(error instanceof ValidationError)) throw error;
  for (const { path, message } of error.errors) ctx.addIssue({ code: "custom", message, path: [path] });
  return z.NEVER;
}

/** Body of POST /api/expenses; its output carries the amount as integer minor units. */
export const NewExpenseSchema = z
  .strictObject({
    date: CalendarDateSchema,
    amount: AmountTextSchema,
    currency: CurrencySchema,
    category: CategorySchema,
    description: DescriptionSchema.default(""),
    merchant: MerchantSchema.optional(),
    tags: TagsSchema.optional(),
    scanId: ExpenseIdSchema.optional().meta({ description: "A scan (POST /api/scans) whose photo becomes this expense's receipt; the expense takes its id" }),
  })
  .meta({ id: "NewExpense" })
  .transform(({ amount, ...rest }, ctx) => {
    try {
      return { ...rest, amountMinor: parseAmount(amount, rest.currency) };
    } catch (error) {
      return amountIssue(error, ctx);
    }
  });
export type NewExpense = z.output<typeof NewExpenseSchema>;

/**
 * Body of PATCH /api/expenses/{id}. `null` clears merchant/tags. A new currency needs its amount (the same
 * digits mean a different sum in another currency); an amount alone is checked against the stored currency.
 */
export const ExpensePatchSchema = z
  .strictObject({
    date: CalendarDateSchema.optional(),
    amount: AmountTextSchema.optional(),
    currency: CurrencySchema.optional(),
    category: CategorySchema.optional(),
    description: DescriptionSchema.optional(),
    merchant: MerchantSchema.nullable().optional(),
    tags: TagsSchema.nullable().optional(),
  })
  .meta({ id: "ExpensePatch" })
  .superRefine((patch, ctx) => {
    if (Object.keys(patch).length === 0) ctx.addIssue({ code: "custom", message: "send at least one field to change", path: [] });
    if (patch.currency !== undefined && patch.amount === undefined) {
      ctx.addIssue({ code: "custom", message: "is required when the currency changes", path: ["amount"] });
    }
    if (patch.currency !== undefined && patch.amount !== undefined) {
      try {
        parseAmount(patch.amount, patch.currency);
      } catch (error) {
        amountIssue(error, ctx);
      }
    }
  });
export type ExpensePatch = z.output<typeof ExpensePatchSchema>;

/** Expense as the API returns it. */
export const ExpenseSchema = z
  .object({
    id: ExpenseIdSchema,
    date: CalendarDateSchema,
    amount: AmountTextSchema,
    currency: StoredCurrencySchema,
    category: z.string(),
    description: z.string(),
    merchant: z.string().optional(),
    tags: z.array(z.string()).optional(),
    receipt: ReceiptSchema.optional(),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    version: z.number().int().min(1).meta({ description: "Increases on every change; the ETag is its quoted value" }),
  })
  .meta({ id: "Expense" });
export type ExpenseJson = z.infer<typeof ExpenseSchema>;

const LimitSchema = z
  .string()
  .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
  .transform(Number)
  .pipe(z.number().int().min(1, "must be at least 1").max(100, "must be at most 100"));

/** The filters the list and the export share. */
const expenseFilters = {
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
  category: CategorySchema.optional(),
  q: z.string().trim().min(1).max(100).optional().meta({ description: "Case-insensitive text in description or merchant" }),
};

function fromNotAfterTo(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (query.from && query.to && query.from > query.to) ctx.addIssue({ code: "custom", message: "must be on or before to", path: ["from"] });
}

/** Query of GET /api/expenses. Unknown parameters are rejected: a typo must not silently widen a list. */
export const ExpenseListQuerySchema = z
  .strictObject({
    ...expenseFilters,
    limit: LimitSchema.optional().meta({ description: "Page size 1-100, default 50" }),
    cursor: z.string().min(1).max(2048).optional().meta({ description: "nextCursor of the previous page" }),
  })
  .superRefine(fromNotAfterTo)
  .transform(({ limit, ...rest }) => ({ ...rest, limit: limit ?? 50 }));
export type ExpenseListQuery = z.output<typeof ExpenseListQuerySchema>;

/** Query of GET /api/export: exactly the list's filters, so a download holds what the list shows. */
export const ExportQuerySchema = z.strictObject(expenseFilters).superRefine(fromNotAfterTo);
export type ExportQuery = z.output<typeof ExportQuerySchema>;

/** The export's columns, in order (DESIGN.md "CSV"); the import recognises them with no questions. */
export const EXPORT_COLUMNS = ["date", "amount", "currency", "category", "merchant", "description", "tags", "receipt", "id"] as const;

export const ExpenseListSchema = z
  .object({
    items: z.array(ExpenseSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as cursor to get the next page; null on the last page" }),
  })
  .meta({ id: "ExpenseList" });
export type ExpenseList = z.infer<typeof ExpenseListSchema>;

export const ExpenseIdParamsSchema = z.object({ id: ExpenseIdSchema });

// ---- summary ----

/** At most ten years per request: one aggregate item per month x category is read. */
export const MAX_SUMMARY_MONTHS = 120;

/**
 * Query of GET /api/summary: an inclusive range of calendar dates, like the list. Months the range covers
 * whole come from the aggregates; the months it cuts (at most two) are summed from their expenses.
 */
export const SummaryQuerySchema = z
  .strictObject({ from: CalendarDateSchema, to: CalendarDateSchema })
  .superRefine(({ from, to }, ctx) => {
    if (from > to) ctx.addIssue({ code: "custom", message: "must be on or before to", path: ["from"] });
    else if (monthsTouched({ from, to }) > MAX_SUMMARY_MONTHS) {
      ctx.addIssue({ code: "custom", message: `the range may span at most ${MAX_SUMMARY_MONTHS} months`, path: ["to"] });
    }
  });
export type SummaryQuery = z.output<typeof SummaryQuerySchema>;

export const SummaryTotalSchema = z.object({
  month: MonthSchema,
  currency: StoredCurrencySchema,
  category: z.string(),
  amount: AmountTextSchema.meta({ description: "Sum of the expenses, decimal string" }),
  count: z.number().int().min(1),
});
export type SummaryTotal = z.infer<typeof SummaryTotalSchema>;

export const SummarySchema = z
  .object({
    from: CalendarDateSchema.meta({ description: "The range's first day, as given" }),
    to: CalendarDateSchema.meta({ description: "The range's last day, as given" }),
    totals: z.array(SummaryTotalSchema).meta({ description: "One row per month x currency x category with expenses in the range (dates inclusive)" }),
  })
  .meta({ id: "Summary" });
export type Summary = z.infer<typeof SummarySchema>;

// ---- budgets ----

/** At most this many category x currency limits per user (one PUT carries them all). */
export const MAX_BUDGETS = 100;

const ZERO_AMOUNT = /^0+(?:\.(0+))?$/;

/** A monthly limit as the API returns it. */
export const BudgetSchema = z
  .object({
    category: z.string(),
    currency: StoredCurrencySchema,
    limit: AmountTextSchema.meta({ description: "Monthly limit, decimal string with the currency's decimals" }),
  })
  .meta({ id: "Budget" });
export type Budget = z.infer<typeof BudgetSchema>;

/** GET /api/budgets and the answer of PUT: every limit, by category then currency. */
export const BudgetListSchema = z.object({ budgets: z.array(BudgetSchema) }).meta({ id: "BudgetList" });
export type BudgetList = z.infer<typeof BudgetListSchema>;

const BudgetEntrySchema = z.strictObject({
  category: CategorySchema,
  currency: CurrencySchema,
  limit: AmountTextSchema.meta({ description: 'Monthly limit with at most the currency\'s decimals; "0" removes it', example: "400.00" }),
});

/**
 * Body of PUT /api/budgets: the complete list (a replace: an entry left out is removed, and so is a limit of
 * "0"). Limits are parsed exactly like expense amounts; one category x currency may appear once. Its output
 * carries the limits to keep, in integer minor units.
 */
export const BudgetsPutSchema = z
  .strictObject({ budgets: z.array(BudgetEntrySchema).max(MAX_BUDGETS, `at most ${MAX_BUDGETS} budgets`) })
  .meta({ id: "BudgetsPut" })
  .transform(({ budgets }, ctx) => {
    const seen = new Map<string, number>();
    const kept: { category: string; currency: string; limitMinor: bigint }[] = [];
    let isValid = true;
    budgets.forEach(({ category, currency, limit }, i) => {
      const key = JSON.stringify([category, currency]);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", message: `repeats budgets.${first} (${category}, ${currency})`, path: ["budgets", i] });
        isValid = false;
        return;
      }
      seen.set(key, i);
      const zero = ZERO_AMOUNT.exec(limit);
      // A zero with no more decimals than the currency allows removes the limit; anything else is an amount.
      if (zero && (zero[1] ?? "").length <= currencyExponent(currency)) return;
      try {
        kept.push({ category, currency, limitMinor: parseAmount(limit, currency, `budgets.${i}.limit`) });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        ctx.addIssue({ code: "custom", message: error.errors[0]?.message ?? "is not a valid amount", path: ["budgets", i, "limit"] });
        isValid = false;
      }
    });
    return isValid ? { budgets: kept } : z.NEVER;
  });
export type BudgetsPut = z.output<typeof BudgetsPutSchema>;

// ---- settings ----

/** The currency a user without saved settings starts with. */
export const DEFAULT_CURRENCY = "EUR";

export const ThemeSchema = z.enum(["light", "dark", "system"]).meta({ description: "Colour scheme; system follows the device" });

/** A well-formed BCP 47 language tag, stored in its canonical form ("en-us" -> "en-US"). */
export const LocaleSchema = z
  .string()
  .min(1)
  .max(100, { abort: true })
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // RangeError: not a well-formed tag; reported below.
    }
    ctx.addIssue({ code: "custom", message: "must be a BCP 47 language tag such as en-GB" });
    return z.NEVER;
  })
  .meta({ description: "BCP 47 language tag for dates and numbers", example: "en-GB" });

/** GET /api/settings and the answer of PUT: saved values, defaultCurrency defaulting to EUR. */
export const SettingsSchema = z
  .object({
    defaultCurrency: StoredCurrencySchema,
    locale: z.string().optional().meta({ description: "Absent: the browser's language" }),
    theme: ThemeSchema.optional().meta({ description: "Absent: system" }),
  })
  .meta({ id: "Settings" });
export type Settings = z.infer<typeof SettingsSchema>;

/** Body of PUT /api/settings: the fields to set (others stay as saved); null clears locale or theme. */
export const SettingsPutSchema = z
  .strictObject({
    defaultCurrency: CurrencySchema.optional(),
    locale: LocaleSchema.nullable().optional(),
    theme: ThemeSchema.nullable().optional(),
  })
  .meta({ id: "SettingsPut" })
  .superRefine((patch, ctx) => {
    if (Object.keys(patch).length === 0) ctx.addIssue({ code: "custom", message: "send at least one setting", path: [] });
  });
export type SettingsPut = z.output<typeof SettingsPutSchema>;

// ---- account ----

/** Body of DELETE /api/account: the user types their email to confirm. */
export const DeleteAccountRequestSchema = z
  .strictObject({
    confirmEmail: z.string().trim().min(1, "type your email to confirm").max(320).meta({ description: "Must be the email the user signs in with" }),
  })
  .meta({ id: "DeleteAccountRequest" });
export type DeleteAccountRequest = z.output<typeof DeleteAccountRequestSchema>;
