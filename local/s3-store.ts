import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import FilesystemStore from "s3rver/lib/stores/filesystem";

let installed = false;

/**
 * Makes s3rver's file store safe under concurrent requests, as S3 is. As shipped, a DeleteObject removes
 * directories it finds empty, so a PutObject into the same "folder" that has just created it fails
 * with ENOENT on an unhandled stream error and takes the whole process down; and a PutObject writes
 * in place, so a GET of the same key meanwhile reads a torn object. Here an object is written to a
 * temporary file and renamed into place (readers see the old bytes or the new, never half), and a
 * delete leaves directories alone (listing ignores them) and takes the object's tags with it.
 */
export function hardenS3rverStore(): void {
  if (installed) return;
  installed = true;
  FilesystemStore.prototype.putObject = async function putObject(object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, "object");
    await mkdir(dirname(objectPath), { recursive: true });
    const temporary = `${objectPath}.${randomUUID()}.partial`;
    const md5 = createHash("md5");
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    try {
      await pipeline(source, measure, createWriteStream(temporary));
      const digest = md5.digest("hex");
      await this.putMetadata(object.bucket, object.key, object.metadata, digest);
      await rename(temporary, objectPath);
      return { size, md5: digest };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
  FilesystemStore.prototype.deleteObject = async function deleteObject(bucket, key) {
    await Promise.all(
      ["object", "object.md5", "metadata.json", "tagging.xml"].map((resource) =>
        unlink(this.getResourcePath(bucket, key, resource)).catch((error: unknown) => {
          if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
        }),
      ),
    );
  };
}
