import { mkdir, writeFile } from "node:fs/promises";

/** Writes bench/results/<name>.json and <name>.md and prints the report. */
export async function writeResults(name: string, result: object, report: string): Promise<void> {
  await mkdir("bench/results", { recursive: true });
  await writeFile(`bench/results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(`bench/results/${name}.md`, report);
  console.log(`\n${report}`);
}
