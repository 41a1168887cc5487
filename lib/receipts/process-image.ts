/**
 * The image work of the receipt function: auto-orient, re-encode without any metadata (EXIF, GPS, XMP, ICC
 * are dropped — sharp keeps none unless asked), cap at 2560 px, and a 320 px WebP thumbnail. iPhone HEIC is
 * HEVC, which sharp's prebuilt libvips cannot decode, so it goes through libheif (heic-decode) and is stored
 * as JPEG, which every browser can show.
 */
import decodeHeic from "heic-decode";
import sharp, { type Sharp } from "sharp";
import type { AcceptedKind } from "./inspect-file";

export const MAX_IMAGE_SIDE = 2560;
export const THUMBNAIL_SIDE = 320;
/** A decompression bomb (a tiny file that decodes to gigapixels) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 100_000_000;

export type ProcessedImage = {
  body: Buffer;
  contentType: "image/jpeg" | "image/png" | "image/webp";
  width: number;
  height: number;
  thumbnail: Buffer;
};

/** The photo could not be decoded: reported to the user, not retried. */
export class UnreadableImageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnreadableImageError";
  }
}

async function decoded(bytes: Buffer, file: Exclude<AcceptedKind, { kind: "pdf" }>): Promise<Sharp> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" as const };
  if (file.kind === "image") return sharp(bytes, options);
  const { width, height, data } = await decodeHeic({ buffer: bytes });
  if (width * height > MAX_INPUT_PIXELS) throw new UnreadableImageError("This photo is too large to process (over 100 megapixels).");
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { ...options, raw: { width, height, channels: 4 } });
}

export async function processImage(bytes: Buffer, file: Exclude<AcceptedKind, { kind: "pdf" }>): Promise<ProcessedImage> {
  try {
    const image = (await decoded(bytes, file)).rotate();
    const contentType = file.kind === "heic" ? "image/jpeg" : file.contentType;
    const main = image.clone().resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true });
    const encoded =
      contentType === "image/jpeg" ? main.jpeg({ quality: 85 }) : contentType === "image/png" ? main.png() : main.webp({ quality: 85 });
    const thumb = image
      .clone()
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 });
    const [{ data, info }, thumbnail] = await Promise.all([encoded.toBuffer({ resolveWithObject: true }), thumb.toBuffer()]);
    return { body: data, contentType, width: info.width, height: info.height, thumbnail };
  } catch (error) {
    if (error instanceof UnreadableImageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw new UnreadableImageError("This photo is too large to process (over 100 megapixels).");
    throw new UnreadableImageError("This photo could not be read; the file may be damaged. Try saving or taking it again.");
  }
}
