/**
 * A receipt photo made easier for OCR: upright (EXIF), grey, scaled to OCR_WIDTH, lightly blurred (sensor
 * noise is finer than print), stretched to the full tonal range (thermal print is grey on grey), thresholded
 * to black on white, then a 3x3 median removes the specks the threshold left. Tesseract's own deskew
 * (rotateAuto, in the reader) straightens a tilted photo afterwards.
 *
 * The numbers were chosen on the rendered samples (bench/scan.ts) and checked on variants with other
 * seeds, tilts and noise: without the threshold, noisy photos lose a quarter of their totals; a larger width
 * makes tesseract read noise as letters and costs time.
 */
import sharp from "sharp";

/** Receipts are narrow: at this width a 32-48 column thermal line has glyphs of ~20-30 px. */
export const OCR_WIDTH = 1000;
const BLUR_SIGMA = 0.8;
const THRESHOLD = 140;
const MAX_INPUT_PIXELS = 100_000_000;

export async function prepareOcrImage(bytes: Buffer): Promise<Buffer> {
  const binary = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
    .rotate()
    .grayscale()
    .resize({ width: OCR_WIDTH })
    .blur(BLUR_SIGMA)
    .normalise()
    .threshold(THRESHOLD)
    .png({ compressionLevel: 1 })
    .toBuffer();
  // A second pass: sharp applies a median before the threshold within one pipeline.
  return sharp(binary).median(3).png({ compressionLevel: 1 }).toBuffer();
}
