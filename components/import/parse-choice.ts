import type { z } from "zod";
import { DateFormatSchema, DecimalSeparatorSchema, DelimiterSchema, EncodingSchema, SignConventionSchema, ThousandsSeparatorSchema } from "@/lib/csv/import";

/** A select's value as the schema's type; a value the schema does not know keeps the current one. */
const choice =
  <S extends z.ZodType>(schema: S) =>
  (value: string, current: z.output<S>): z.output<S> => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : current;
  };

export const parseDateFormat = choice(DateFormatSchema);
export const parseDecimal = choice(DecimalSeparatorSchema);
export const parseThousands = choice(ThousandsSeparatorSchema);
export const parseSign = choice(SignConventionSchema);
export const parseDelimiter = choice(DelimiterSchema);
export const parseEncoding = choice(EncodingSchema);
