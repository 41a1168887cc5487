import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import {
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
  unauthenticated: problem("Unauthenticated", "Missing, invalid or expired access token"),
  notFound: problem("NotFound", "No such expense for this user (another user's expense is a 404 too)"),
  preconditionFailed: problem("PreconditionFailed", "If-Match names a version that is no longer current"),
  payloadTooLarge: problem("PayloadTooLarge", "Body over 64 KB"),
  unsupportedMediaType: problem("UnsupportedMediaType", "Body not sent as application/json"),
  validation: problem("ValidationFailed", "Invalid fields, each named in errors[].path"),
  preconditionRequired: problem("PreconditionRequired", "If-Match is missing"),
  tooManyRequests: problem("TooManyRequests", "Per-user write rate limit reached", {
    "retry-after": z.string().meta({ description: "Seconds until writes are accepted again" }),
  }),
  internal: problem("InternalError", "Unexpected failure; details are logged under the request id"),
  unavailable: problem("ServiceUnavailable", "Too much contention on this data right now; retry after the given seconds", {
    "retry-after": z.string().meta({ description: "Seconds to wait before retrying" }),
  }),
};

function json(description: string, schema: z.ZodType, headers: Record<string, z.ZodType> = {}): ZodOpenApiResponseObject {
  return { description, headers: z.object({ "x-request-id": requestId, ...headers }), content: { "application/json": { schema } } };
}

const idPath = { path: ExpenseIdParamsSchema };
const jsonBody = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema } } });
const read = { "400": problems.badRequest, "401": problems.unauthenticated, "500": problems.internal };
const write = {
  ...read,
  "413": problems.payloadTooLarge,
  "415": problems.unsupportedMediaType,
  "422": problems.validation,
  "429": problems.tooManyRequests,
  "503": problems.unavailable,
};
const secured: Pick<ZodOpenApiOperationObject, "security"> = { security: [{ bearer: [] }] };

/** OpenAPI 3.1 of the expenses API, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: { title: "Ledgerline API", version: "1.0.0", description: "Expenses, exact money (decimal strings), per-user data." },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Cognito access token" } },
    },
    paths: {
      "/api/expenses": {
        post: {
          ...secured,
          summary: "Record an expense",
          requestParams: { header: z.object({ "idempotency-key": IdempotencyKeySchema.optional() }) },
          requestBody: jsonBody(NewExpenseSchema),
          responses: {
            "201": json("Created (or replayed, with Idempotent-Replayed: true)", ExpenseSchema, {
              etag,
              location: z.string().meta({ description: "URL of the new expense" }),
              "idempotent-replayed": z.literal("true").optional().meta({ description: "Present when this is a stored response" }),
            }),
            ...write,
          },
        },
        get: {
          ...secured,
          summary: "List expenses, newest date first",
          requestParams: { query: ExpenseListQuerySchema },
          responses: { "200": json("A page of expenses", ExpenseListSchema), "422": problems.validation, ...read },
        },
      },
      "/api/expenses/{id}": {
        get: {
          ...secured,
          summary: "Read an expense",
          requestParams: idPath,
          responses: { "200": json("The expense", ExpenseSchema, { etag }), "404": problems.notFound, ...read },
        },
        patch: {
          ...secured,
          summary: "Change an expense (optimistic concurrency)",
          requestParams: { ...idPath, header: z.object({ "if-match": etag }) },
          requestBody: jsonBody(ExpensePatchSchema),
          responses: {
            "200": json("The changed expense", ExpenseSchema, { etag }),
            "404": problems.notFound,
            "412": problems.preconditionFailed,
            "428": problems.preconditionRequired,
            ...write,
          },
        },
        delete: {
          ...secured,
          summary: "Delete an expense",
          requestParams: { ...idPath, header: z.object({ "if-match": etag.optional() }) },
          responses: {
            "204": { description: "Deleted", headers: z.object({ "x-request-id": requestId }) },
            "404": problems.notFound,
            "412": problems.preconditionFailed,
            "428": problems.preconditionRequired,
            "429": problems.tooManyRequests,
            "503": problems.unavailable,
            ...read,
          },
        },
      },
      "/api/expenses/{id}/receipt": {
        post: {
          ...secured,
          summary: "Get a presigned POST to upload the expense's receipt straight to S3 (the receipt becomes pending)",
          description:
            "The grant pins the object key, the Content-Type and 1 B..10 MB, valid 5 minutes. After the upload a function checks the file " +
            "(magic bytes), strips image metadata, makes a thumbnail and sets the expense's receipt to ready or rejected.",
          requestParams: idPath,
          requestBody: jsonBody(ReceiptUploadRequestSchema),
          responses: { "201": json("The upload grant", ReceiptUploadSchema), "404": problems.notFound, ...write },
        },
        get: {
          ...secured,
          summary: "The receipt's state and, once ready, short-lived links to the file and its thumbnail",
          requestParams: idPath,
          responses: { "200": json("The receipt", ReceiptViewSchema), "404": problems.notFound, ...read },
        },
        delete: {
          ...secured,
          summary: "Remove the receipt and its files",
          requestParams: idPath,
          responses: {
            "204": { description: "Removed", headers: z.object({ "x-request-id": requestId }) },
            "404": problems.notFound,
            "429": problems.tooManyRequests,
            ...read,
          },
        },
      },
      "/api/expenses/{id}/receipt/replacement": {
        delete: {
          ...secured,
          summary: "Forget a replacement upload (cancelled, or rejected and dismissed); the ready receipt stays",
          requestParams: idPath,
          responses: {
            "204": { description: "Forgotten", headers: z.object({ "x-request-id": requestId }) },
            "404": problems.notFound,
            ...read,
          },
        },
      },
      "/api/export": {
        get: {
          ...secured,
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
            "422": problems.validation,
            ...read,
          },
        },
      },
      "/api/summary": {
        get: {
          ...secured,
          summary: "Totals per month x currency x category, from the monthly aggregates",
          requestParams: { query: SummaryQuerySchema },
          responses: { "200": json("Totals", SummarySchema), "422": problems.validation, ...read },
        },
      },
      "/api/me": {
        get: {
          ...secured,
          summary: "The signed-in user",
          responses: { "200": json("The user the access token proves", MeSchema), "401": problems.unauthenticated, "500": problems.internal },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": { schema: z.looseObject({ openapi: z.literal("3.1.0") }) } } } },
        },
      },
    },
  });
}
