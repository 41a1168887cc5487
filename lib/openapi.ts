import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import {
  ImportCommitSchema,
  ImportGrantSchema,
  ImportIdSchema,
  ImportListSchema,
  ImportSchema,
  ImportSettingsUpdateSchema,
  NewImportSchema,
} from "./imports/import-schemas";
import {
  BudgetListSchema,
  BudgetsPutSchema,
  DeleteAccountRequestSchema,
  ExpenseIdParamsSchema,
  ExpenseListQuerySchema,
  ExpenseListSchema,
  ExpensePatchSchema,
  ExpenseSchema,
  EXPORT_COLUMNS,
  ExportQuerySchema,
  IdempotencyKeySchema,
  MeSchema,
  NewExpenseSchema,
  ProblemSchema,
  ReceiptUploadRequestSchema,
  ReceiptUploadSchema,
  ReceiptViewSchema,
  ScanRequestSchema,
  ScanSchema,
  ScanStartSchema,
  SettingsPutSchema,
  SettingsSchema,
  SummaryQuerySchema,
  SummarySchema,
} from "./schemas";

const requestId = z.string().meta({ description: "Id of this request, also in error bodies and logs" });
const etag = z.string().meta({ description: 'The expense version, quoted: send it back in If-Match', example: '"3"' });

function problem(id: string, description: string, headers: Record<string, z.ZodType> = {}): ZodOpenApiResponseObject {
  return {
    id,
    description,
    headers: z.object({ "x-request-id": requestId, ...headers }),
    content: { "application/problem+json": { schema: ProblemSchema } },
  };
}

const problems = {
  badRequest: problem("BadRequest", "Malformed request: invalid JSON, a tampered cursor, a repeated parameter"),
  unauthenticated: problem("Unauthenticated", "Missing, invalid or expired access token, or (type account-closed) the account was deleted"),
  notFound: problem("NotFound", "No such resource for this user (another user's is a 404 too)"),
  conflict: problem("Conflict", "The resource is in a state that does not allow this (e.g. an import already running)"),
  preconditionFailed: problem("PreconditionFailed", "If-Match names a version that is no longer current"),
  payloadTooLarge: problem("PayloadTooLarge", "Body over 64 KB"),
  unsupportedMediaType: problem("UnsupportedMediaType", "Body not sent as application/json"),
  validation: problem("ValidationFailed", "Invalid fields, each named in errors[].path"),
  preconditionRequired: problem("PreconditionRequired", "If-Match is missing"),
  tooManyRequests: problem("TooManyRequests", "The user's rate limit for this kind of request (reads, writes, exports) is reached", {
    "retry-after": z.string().meta({ description: "Seconds until the limit lets requests through again" }),
  }),
  internal: problem("InternalError", "Unexpected failure; details are logged under the request id"),
  unavailable: problem("ServiceUnavailable", "The database is unreachable or this data is too contended right now; retry after the given seconds", {
    "retry-after": z.string().meta({ description: "Seconds to wait before retrying" }),
  }),
};

function json(description: string, schema: z.ZodType, headers: Record<string, z.ZodType> = {}): ZodOpenApiResponseObject {
  return { description, headers: z.object({ "x-request-id": requestId, ...headers }), content: { "application/json": { schema } } };
}

const idPath = { path: ExpenseIdParamsSchema };
const jsonBody = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema } } });
/** What any signed-in request can meet: no valid token, the user's rate limit, and the two failures of ours. */
const signedIn = { "401": problems.unauthenticated, "429": problems.tooManyRequests, "500": problems.internal, "503": problems.unavailable };
/** A read with parameters: those can be malformed (400) or invalid (422). */
const read = { "400": problems.badRequest, "422": problems.validation, ...signedIn };
const write = { ...read, "413": problems.payloadTooLarge, "415": problems.unsupportedMediaType };
/** A signed-in operation: the bearer token, and its id (client generators name their methods by it). */
const secured = (operationId: string): Pick<ZodOpenApiOperationObject, "security" | "operationId"> => ({ operationId, security: [{ bearer: [] }] });

/** OpenAPI 3.1 of the expenses API, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Ledgerline API",
      version: "1.0.0",
      description: "Expenses, exact money (decimal strings), per-user data.",
      license: { name: "Proprietary", url: "https://ledgerline.dev/terms" },
    },
    // Same origin as the app: every deployment (and `npm run dev`) serves the API next to its pages.
    servers: [{ url: "/", description: "This deployment" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Cognito access token" } },
    },
    paths: {
      "/api/expenses": {
        post: {
          ...secured("createExpense"),
          summary: "Record an expense",
          requestParams: { header: z.object({ "idempotency-key": IdempotencyKeySchema.optional() }) },
          requestBody: jsonBody(NewExpenseSchema),
          responses: {
            "201": json("Created (or replayed, with Idempotent-Replayed: true)", ExpenseSchema, {
              etag,
              location: z.string().meta({ description: "URL of the new expense" }),
              "idempotent-replayed": z.literal("true").optional().meta({ description: "Present when this is a stored response" }),
            }),
            "409": problems.conflict,
            ...write,
          },
        },
        get: {
          ...secured("listExpenses"),
          summary: "List expenses, newest date first",
          requestParams: { query: ExpenseListQuerySchema },
          responses: { "200": json("A page of expenses", ExpenseListSchema), ...read },
        },
      },
      "/api/expenses/{id}": {
        get: {
          ...secured("getExpense"),
          summary: "Read an expense",
          requestParams: idPath,
          responses: { "200": json("The expense", ExpenseSchema, { etag }), "404": problems.notFound, ...read },
        },
        patch: {
          ...secured("updateExpense"),
          summary: "Change an expense (optimistic concurrency)",
          requestParams: { ...idPath, header: z.object({ "if-match": etag }) },
          requestBody: jsonBody(ExpensePatchSchema),
          responses: {
            "200": json("The changed expense", ExpenseSchema, { etag }),
            "404": problems.notFound,
            "409": problems.conflict,
            "412": problems.preconditionFailed,
            "428": problems.preconditionRequired,
            ...write,
          },
        },
        delete: {
          ...secured("deleteExpense"),
          summary: "Delete an expense",
          requestParams: { ...idPath, header: z.object({ "if-match": etag.optional() }) },
          responses: {
            "204": { description: "Deleted", headers: z.object({ "x-request-id": requestId }) },
            "404": problems.notFound,
            "409": problems.conflict,
            "412": problems.preconditionFailed,
            "428": problems.preconditionRequired,
            ...read,
          },
        },
      },
      "/api/expenses/{id}/receipt": {
        post: {
          ...secured("startReceiptUpload"),
          summary: "Get a presigned POST to upload the expense's receipt straight to S3 (the receipt becomes pending)",
          description:
            "The grant pins the object key, the Content-Type and 1 B..10 MB, valid 5 minutes. After the upload a function checks the file " +
            "(magic bytes), strips image metadata, makes a thumbnail and sets the expense's receipt to ready or rejected.",
          requestParams: idPath,
          requestBody: jsonBody(ReceiptUploadRequestSchema),
          responses: { "201": json("The upload grant", ReceiptUploadSchema), "404": problems.notFound, "409": problems.conflict, ...write },
        },
        get: {
          ...secured("getReceipt"),
          summary: "The receipt's state and, once ready, short-lived links to the file and its thumbnail",
          requestParams: idPath,
          responses: { "200": json("The receipt", ReceiptViewSchema), "404": problems.notFound, ...read },
        },
        delete: {
          ...secured("deleteReceipt"),
          summary: "Remove the receipt and its files",
          requestParams: idPath,
          responses: {
            "204": { description: "Removed", headers: z.object({ "x-request-id": requestId }) },
            "404": problems.notFound,
            "409": problems.conflict,
            ...read,
          },
        },
      },
      "/api/expenses/{id}/receipt/replacement": {
        delete: {
          ...secured("forgetReceiptReplacement"),
          summary: "Forget a replacement upload (cancelled, or rejected and dismissed); the ready receipt stays",
          requestParams: idPath,
          responses: {
            "204": { description: "Forgotten", headers: z.object({ "x-request-id": requestId }) },
            "404": problems.notFound,
            "409": problems.conflict,
            ...read,
          },
        },
      },
      "/api/scans": {
        post: {
          ...secured("startScan"),
          summary: "Scan a receipt: a presigned POST for its photo, which is checked like any receipt and then read",
          description:
            "Poll GET /api/scans/{id} until `scan.status` is not pending, fill the form with what was found, and save the expense with " +
            "`scanId`: it takes the scan's id and keeps the photo as its receipt. An unsaved scan expires after 2 days.",
          requestBody: jsonBody(ScanRequestSchema),
          responses: { "201": json("The scan and its upload grant", ScanStartSchema), ...write },
        },
      },
      "/api/scans/{id}": {
        get: {
          ...secured("getScan"),
          summary: "The scan's photo state and, once read, the amount, currency, date and merchant it proposes (each with a confidence)",
          requestParams: idPath,
          responses: { "200": json("The scan", ScanSchema), "404": problems.notFound, ...read },
        },
        delete: {
          ...secured("discardScan"),
          summary: "Discard an unsaved scan and its photo",
          requestParams: idPath,
          responses: { "204": { description: "Discarded", headers: z.object({ "x-request-id": requestId }) }, "404": problems.notFound, ...read },
        },
      },
      "/api/imports": {
        post: {
          ...secured("startImport"),
          summary: "Start a CSV import: a presigned POST for the file (at most 20 MB); nothing is written until the commit",
          requestBody: jsonBody(NewImportSchema),
          responses: { "201": json("The import and its upload grant", ImportGrantSchema), ...write },
        },
        get: {
          ...secured("listImports"),
          summary: "The latest imports, newest first",
          responses: { "200": json("Imports", ImportListSchema), ...read },
        },
      },
      "/api/imports/{id}": {
        get: {
          ...secured("getImport"),
          summary: "An import: detected settings and a preview of the first rows, then progress and the report",
          requestParams: { path: z.object({ id: ImportIdSchema }) },
          responses: { "200": json("The import", ImportSchema), "404": problems.notFound, ...read },
        },
        patch: {
          ...secured("updateImportSettings"),
          summary: "Change how the file is read (while in preview); the answer carries the new preview",
          requestParams: { path: z.object({ id: ImportIdSchema }) },
          requestBody: jsonBody(ImportSettingsUpdateSchema),
          responses: { "200": json("The import", ImportSchema), "404": problems.notFound, "409": problems.conflict, ...write },
        },
        delete: {
          ...secured("undoImport"),
          summary: "Undo the import: deletes exactly the expenses it created (runs in the background)",
          requestParams: { path: z.object({ id: ImportIdSchema }) },
          responses: { "202": json("The import, now undoing", ImportSchema), "404": problems.notFound, "409": problems.conflict, ...read },
        },
      },
      "/api/imports/{id}/commit": {
        post: {
          ...secured("commitImport"),
          summary: "Import the rows (runs in the background; poll the import for progress and the report)",
          requestParams: { path: z.object({ id: ImportIdSchema }) },
          requestBody: jsonBody(ImportCommitSchema),
          responses: { "202": json("The import, now committing", ImportSchema), "404": problems.notFound, "409": problems.conflict, ...write },
        },
      },
      "/api/export": {
        get: {
          ...secured("exportExpenses"),
          summary: "Download the expenses the filters select as CSV (streamed)",
          description:
            `RFC 4180, UTF-8 with a BOM, CRLF; columns ${EXPORT_COLUMNS.join(",")}; newest date first, the same rows as the list with the same filters. ` +
            "Cells that a spreadsheet would run as a formula are prefixed with '. Bad filters are answered before the first byte; " +
            "a failure during the download cuts the connection, so a partial file is never mistaken for a complete one.",
          requestParams: { query: ExportQuerySchema },
          responses: {
            "200": {
              description: "The CSV file, as an attachment",
              headers: z.object({
                "x-request-id": requestId,
                "content-disposition": z.string().meta({ example: 'attachment; filename="expenses-2025-01-01-2025-03-31.csv"' }),
              }),
              content: { "text/csv": { schema: z.string().meta({ description: "CSV text" }) } },
            },
            ...read,
          },
        },
      },
      "/api/summary": {
        get: {
          ...secured("getSummary"),
          summary: "Exact totals per month x currency x category of an inclusive date range",
          description:
            "from and to are calendar dates (at most 120 months touched). Months the range covers from the 1st to their last day " +
            "are read from the monthly aggregates; the first and last month, when the range cuts them, are summed from their expenses, " +
            "so a range such as 2025-01-15..2025-03-10 counts exactly the expenses dated in it.",
          requestParams: { query: SummaryQuerySchema },
          responses: { "200": json("Totals", SummarySchema), ...read },
        },
      },
      "/api/budgets": {
        get: {
          ...secured("getBudgets"),
          summary: "The monthly limits per category x currency",
          responses: { "200": json("Every limit, by category then currency", BudgetListSchema), ...signedIn },
        },
        put: {
          ...secured("putBudgets"),
          summary: "Replace every monthly limit (idempotent)",
          description:
            'The body is the complete list: an entry left out is removed, and so is a limit of "0". Limits follow the rules of expense ' +
            "amounts (decimal string, at most the currency's decimals, < 10^12 minor units); a category x currency may appear once " +
            "(a repeat is a 422 naming budgets.<index>); at most 100 entries.",
          requestBody: jsonBody(BudgetsPutSchema),
          responses: { "200": json("The limits as stored", BudgetListSchema), ...write },
        },
      },
      "/api/settings": {
        get: {
          ...secured("getSettings"),
          summary: "The user's settings (defaultCurrency is EUR until one is saved)",
          responses: { "200": json("The settings", SettingsSchema), ...signedIn },
        },
        put: {
          ...secured("putSettings"),
          summary: "Change settings: the fields sent are set, the others kept; null clears locale or theme",
          requestBody: jsonBody(SettingsPutSchema),
          responses: {
            "200": json("The settings as stored", SettingsSchema),
            ...write,
          },
        },
      },
      "/api/account": {
        delete: {
          ...secured("deleteAccount"),
          summary: "Delete the signed-in user's account and everything they stored",
          description:
            "confirmEmail must be the user's email (compared case-insensitively), else 422 and nothing is deleted. Removes every expense, " +
            "aggregate, budget, setting and import record, every receipt and import file, then the Cognito user: the user cannot sign in " +
            "any more. Safe to repeat after a failure (503, 500): each step is idempotent and the user is removed last.",
          requestBody: jsonBody(DeleteAccountRequestSchema),
          responses: { "204": { description: "Deleted", headers: z.object({ "x-request-id": requestId }) }, ...write },
        },
      },
      "/api/me": {
        get: {
          ...secured("getMe"),
          summary: "The signed-in user",
          responses: { "200": json("The user the access token proves", MeSchema), ...signedIn },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          // Public: no token needed.
          security: [],
          summary: "This document",
          responses: {
            "200": { description: "OpenAPI 3.1 document", content: { "application/json": { schema: z.looseObject({ openapi: z.literal("3.1.0") }) } } },
            "500": problems.internal,
          },
        },
      },
    },
  });
}
