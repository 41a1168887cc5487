import { z } from "zod";
import { CurrencySchema } from "../../schemas";
import { chooseAmounts } from "./choose-amounts";
import { chooseCurrency } from "./choose-currency";
import { chooseDate } from "./choose-date";
import { chooseNumberFormat } from "./choose-number-format";
import { columnStats, type ColumnStats } from "./column-stats";
import { AmbiguitySchema, ColumnPreviewSchema, share, type ColumnPreview, type Roles } from "./detection-types";
import { headerRole, type ColumnRole } from "./header-role";
import {
  ColumnMappingSchema,
  DateFormatSchema,
  DecimalSeparatorSchema,
  SignConventionSchema,
  ThousandsSeparatorSchema,
  type ColumnMapping,
  type Delimiter,
} from "./import-settings";
import { pickTextColumns } from "./pick-text-columns";

export const DetectedFormatsSchema = z.object({
  columns: ColumnMappingSchema,
  markerDebitValues: z.array(z.string()),
  dateFormat: DateFormatSchema,
  decimalSeparator: DecimalSeparatorSchema,
  thousandsSeparator: ThousandsSeparatorSchema,
  signConvention: SignConventionSchema,
  defaultCurrency: CurrencySchema,
  ambiguities: z.array(AmbiguitySchema),
  previews: z.array(ColumnPreviewSchema),
  rowCount: z.number().int().min(0).meta({ description: "Data rows after the header (blank lines not counted)" }),
  confidence: z.number().min(0).max(1).meta({ description: "Share of data rows whose date and amount read with these settings" }),
});
export type DetectedFormats = z.infer<typeof DetectedFormatsSchema>;

export type DetectFormatsOptions = { defaultCurrency: string; localeHint?: string; delimiter: Delimiter };

function localeFacts(localeHint: string | undefined): { dayFirst: boolean; decimal: "," | "." | undefined; region: string | undefined } {
  if (localeHint === undefined) return { dayFirst: true, decimal: undefined, region: undefined };
  try {
    // A fixed instant, formatted only to learn the locale's day/month order: no clock is read.
    const order = new Intl.DateTimeFormat(localeHint).formatToParts(Date.UTC(2025, 10, 22)).map((part) => part.type);
    const decimal = new Intl.NumberFormat(localeHint).formatToParts(1.5).find((part) => part.type === "decimal")?.value;
    return {
      dayFirst: order.indexOf("day") < order.indexOf("month"),
      decimal: decimal === "," || decimal === "." ? decimal : undefined,
      region: new Intl.Locale(localeHint).maximize().region,
    };
  } catch {
    // An unknown locale tag is no hint at all.
    return { dayFirst: true, decimal: undefined, region: undefined };
  }
}

/** Each column's name, samples and what the settings use it for ("balance": recognised and left out). */
function previews(header: readonly string[] | null, columns: readonly ColumnStats[], mapping: ColumnMapping, roles: Roles): ColumnPreview[] {
  const width = Math.max(header?.length ?? 0, columns.length);
  const roleOf = new Map<number, ColumnRole>();
  roles.forEach((named, column) => {
    if (named.some((r) => r.role === "balance")) roleOf.set(column, "balance");
  });
  for (const [role, column] of Object.entries(mapping)) {
    const parsed = ColumnMappingSchema.keyof().safeParse(role);
    if (column !== null && parsed.success) roleOf.set(column, parsed.data);
  }
  return Array.from({ length: width }, (_, index) => ({
    index,
    name: header?.[index]?.trim() || `Column ${index + 1}`,
    samples: columns[index]?.samples ?? [],
    role: roleOf.get(index) ?? null,
  }));
}

/**
 * Which column is what and how it is written, from ALL data rows (one pass, counts only): the date column
 * and format, the amount column(s) and sign convention, the number format, currency, and the text columns.
 * Header names (EN/DE/NL/FR/ES) break ties and name roles; content decides whether a column can play one.
 */
export function detectFormats(header: readonly string[] | null, rows: Iterable<readonly string[]>, options: DetectFormatsOptions): DetectedFormats {
  const locale = localeFacts(options.localeHint);
  const table = columnStats(rows);
  const roles = (header ?? []).map((name) => headerRole(name));
  const date = chooseDate(table, roles, locale.dayFirst);
  const amounts = chooseAmounts(table, roles, date.column);
  const amountIndexes = [amounts.amount, amounts.debit, amounts.credit].flatMap((column) => (column === null ? [] : [column]));
  const amountStats = amountIndexes.flatMap((column) => table.columns[column] ?? []);
  const balanceStats = table.columns.filter((_, column) => roles[column]?.some((r) => r.role === "balance") ?? false);
  const numbers = chooseNumberFormat([...amountStats, ...balanceStats], { delimiter: options.delimiter, localeDecimal: locale.decimal });
  const currency = chooseCurrency(
    amountIndexes.map((column) => header?.[column] ?? ""),
    amountStats,
    { defaultCurrency: options.defaultCurrency, region: locale.region },
  );
  const taken = new Set([date.column, ...amountIndexes, ...[amounts.marker, amounts.currency].flatMap((c) => (c === null ? [] : [c]))]);
  const text = pickTextColumns(table.columns, roles, taken);
  const columns: ColumnMapping = {
    date: date.column,
    amount: amounts.amount,
    debit: amounts.debit,
    credit: amounts.credit,
    marker: amounts.marker,
    currency: amounts.currency,
    ...text,
  };
  const amountRows = Math.min(table.rows, amountStats.reduce((sum, stats) => sum + stats.amountLike, 0));
  return {
    columns,
    markerDebitValues: amounts.markerDebitValues,
    dateFormat: date.format,
    decimalSeparator: numbers.decimalSeparator,
    thousandsSeparator: numbers.thousandsSeparator,
    signConvention: amounts.signConvention,
    defaultCurrency: currency.currency,
    ambiguities: [...date.ambiguities, ...amounts.ambiguities, ...numbers.ambiguities, ...currency.ambiguities],
    previews: previews(header, table.columns, columns, roles),
    rowCount: table.rows,
    confidence: Math.round(Math.min(share(date.validCount, table.rows), share(amountRows, table.rows)) * 100) / 100,
  };
}
