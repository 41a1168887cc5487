/** s3rver 3.7's object store (not in @types/s3rver): the two methods local/s3-store.ts replaces. */
declare module "s3rver/lib/stores/filesystem" {
  import type { Readable } from "node:stream";
  type StoredObject = { bucket: string; key: string; content: Buffer | Readable; metadata: Record<string, string> };
  class FilesystemStore {
    getResourcePath(bucket: string, key: string, resource: string): string;
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
    putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
    deleteObject(bucket: string, key: string): Promise<void>;
  }
  export = FilesystemStore;
}
