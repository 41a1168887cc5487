/**
 * Where `npm run dev` says which local AWS it runs (endpoints, table, bucket), so tools run beside it
 * (npm run check:consistency) reach the same emulators without repeating its port defaults. Written once the
 * stack is up, removed when it stops; a file left by a killed dev server names endpoints nobody answers on,
 * which the tool then reports.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const DevStackInfoSchema = z.object({
  dynamodbEndpoint: z.url(),
  s3Endpoint: z.url(),
  tableName: z.string().min(1),
  bucket: z.string().min(1),
  pid: z.number().int(),
});
export type DevStackInfo = z.infer<typeof DevStackInfoSchema>;

export function devStackFile(root: string = process.cwd()): string {
  return join(root, ".local", "dev", "stack.json");
}

export function writeDevStackInfo(info: DevStackInfo, file: string = devStackFile()): void {
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
}

export function removeDevStackInfo(file: string = devStackFile()): void {
  rmSync(file, { force: true });
}

/** The running dev stack's info, or undefined when `npm run dev` has not written one. */
export function readDevStackInfo(file: string = devStackFile()): DevStackInfo | undefined {
  if (!existsSync(file)) return undefined;
  return DevStackInfoSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}
