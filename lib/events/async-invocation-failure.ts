/**
 * The record Lambda sends to an asynchronous invocation's on-failure destination once its retries are spent
 * (or the event grew too old): the original event in `requestPayload`, why it ended in `requestContext`.
 * Only the parts our destination handlers read, parsed rather than trusted.
 */
import { z } from "zod";

export const AsyncInvocationFailureSchema = z.object({
  requestContext: z.object({
    functionArn: z.string(),
    /** "RetriesExhausted" or "EventAgeExceeded". */
    condition: z.string(),
    approximateInvokeCount: z.number().int(),
  }),
  requestPayload: z.unknown(),
  responsePayload: z.unknown().optional(),
});
export type AsyncInvocationFailure = z.infer<typeof AsyncInvocationFailureSchema>;
