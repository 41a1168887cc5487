/**
 * npm run bench: the benchmarks of this repository, each writing its report under bench/results/.
 * `npm run bench -- receipts` runs only the named ones.
 */
const BENCHMARKS: Record<string, () => Promise<unknown>> = {
  api: () => import("./api"),
  "api-real": () => import("./api-real"),
  receipts: () => import("./receipts"),
  scan: () => import("./scan"),
  web: () => import("./web"),
  analytics: () => import("./analytics-lag"),
  import: () => import("./import"),
  // Last of the data benchmarks: bench/results/data.json also carries the analytics and import figures.
  data: () => import("./export"),
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n━━ bench: ${name} ━━`);
  await run();
}
export {};
