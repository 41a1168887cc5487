/** Shapes shared by the detection steps: what they report back to the preview. */
import { z } from "zod";
import type { ColumnStats } from "./column-stats";
import { ColumnRoleSchema, type ColumnRole } from "./header-role";

/** Something detection had to guess: the preview should ask. `field` is the settings path it chose. */
export const AmbiguitySchema = z.object({
  field: z.string(),
  message: z.string(),
  options: z.array(z.string()).meta({ description: "The values that fit the file; the chosen one first" }),
});
export type Ambiguity = z.infer<typeof AmbiguitySchema>;

export const ColumnPreviewSchema = z.object({
  index: z.number().int().min(0),
  name: z.string().meta({ description: "The header's name, or 'Column N' without a header" }),
  samples: z.array(z.string()).meta({ description: "Up to 5 distinct values from the data rows" }),
  role: ColumnRoleSchema.nullable().meta({ description: "What the settings use the column for" }),
});
export type ColumnPreview = z.infer<typeof ColumnPreviewSchema>;

/** Header roles per column (from headerRole), best first. */
export type Roles = readonly (readonly { role: ColumnRole; rank: number }[])[];

export const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** The rank a column's header has for `role` (0 = best name), 99 when the name does not suggest it. */
export function namedRank(roles: Roles, column: number, role: ColumnRole): number {
  return Math.min(99, ...(roles[column] ?? []).filter((r) => r.role === role).map((r) => r.rank));
}

/** The best-named, else leftmost, free column that `fits`. */
export function pickColumn(
  columns: readonly ColumnStats[],
  roles: Roles,
  taken: ReadonlySet<number>,
  role: ColumnRole,
  fits: (stats: ColumnStats, isNamed: boolean) => boolean,
  namedOnly = false,
): number | null {
  const found = columns
    .map((stats, column) => ({ stats, column, rank: namedRank(roles, column, role) }))
    .filter(({ stats, column, rank }) => !taken.has(column) && (!namedOnly || rank < 99) && fits(stats, rank < 99))
    .sort((a, b) => a.rank - b.rank || a.column - b.column)[0];
  return found?.column ?? null;
}
