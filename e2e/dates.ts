/** Calendar dates as the browser sees them (the projects pin Europe/Berlin), so "this month" agrees with the app. */
export function berlinToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** The first day of this month and the 15th of last month: always in the past, always in their presets. */
export function presetDates(today = berlinToday()): { thisMonth: string; lastMonth: string } {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const [ly, lm] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return { thisMonth: `${today.slice(0, 7)}-01`, lastMonth: `${ly}-${String(lm).padStart(2, "0")}-15` };
}
