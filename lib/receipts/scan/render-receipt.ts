/**
 * Receipt photos made in tests and benchmarks (never in production code): a receipt laid out as SVG text,
 * rendered by sharp (librsvg, with the machine's DejaVu/Liberation fonts), then a little of what a phone
 * photo adds — a table around the paper, a slight rotation, gaussian sensor noise (a seeded noise layer
 * composited with hard-light, so the same receipt is always the same image), a touch of blur, JPEG.
 */
import sharp from "sharp";

/** A line: centred or left text, or a label with its amount right-aligned. */
export type ReceiptLine =
  | { text: string; align?: "left" | "center"; size?: number; isBold?: boolean; isItalic?: boolean }
  | { left: string; right: string; size?: number; isBold?: boolean; isItalic?: boolean };

export type RenderOptions = {
  /** Characters per line of the paper (thermal receipts: 32–48). */
  columns?: number;
  fontSize?: number;
  fontFamily?: string;
  /** Degrees, clockwise. */
  rotate?: number;
  /** Standard deviation of the gaussian noise, in 0–255 grey levels (0: none). */
  noise?: number;
  blur?: number;
  /** Colour around the paper (a table); none: the photo is only paper. */
  table?: string;
  paper?: string;
  ink?: string;
  seed?: number;
  quality?: number;
};

const MONO = "DejaVu Sans Mono, Liberation Mono, monospace";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** mulberry32: a tiny seeded PRNG, so the noise is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noiseLayer(width: number, height: number, sigma: number, seed: number): Promise<Buffer> {
  const next = random(seed);
  const pixels = Buffer.alloc(width * height);
  for (let i = 0; i < pixels.length; i += 2) {
    // Box-Muller: two independent normal samples per pair of uniforms.
    const r = Math.sqrt(-2 * Math.log(next() || 1e-12));
    const theta = 2 * Math.PI * next();
    pixels[i] = Math.max(0, Math.min(255, Math.round(128 + sigma * r * Math.cos(theta))));
    if (i + 1 < pixels.length) pixels[i + 1] = Math.max(0, Math.min(255, Math.round(128 + sigma * r * Math.sin(theta))));
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace("srgb").png().toBuffer();
}

export function receiptSvg(lines: readonly ReceiptLine[], options: RenderOptions = {}): { svg: string; width: number; height: number } {
  const { columns = 38, fontSize = 22, fontFamily = MONO, paper = "#f7f4ec", ink = "#222" } = options;
  const margin = Math.round(fontSize * 1.5);
  const width = Math.round(columns * fontSize * 0.61) + 2 * margin;
  let y = margin;
  const texts: string[] = [];
  for (const line of lines) {
    const size = line.size ?? fontSize;
    y += Math.round(size * 1.45);
    const style = `font-family="${fontFamily}" font-size="${size}"${line.isBold ? ' font-weight="bold"' : ""}${line.isItalic ? ' font-style="italic"' : ""}`;
    if ("left" in line) {
      texts.push(`<text x="${margin}" y="${y}" ${style}>${escapeXml(line.left)}</text>`);
      texts.push(`<text x="${width - margin}" y="${y}" text-anchor="end" ${style}>${escapeXml(line.right)}</text>`);
    } else if (line.align === "left") {
      texts.push(`<text x="${margin}" y="${y}" ${style}>${escapeXml(line.text)}</text>`);
    } else {
      texts.push(`<text x="${width / 2}" y="${y}" text-anchor="middle" ${style}>${escapeXml(line.text)}</text>`);
    }
  }
  const height = y + 2 * margin;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="${paper}"/><g fill="${ink}" xml:space="preserve">${texts.join("")}</g></svg>`;
  return { svg, width, height };
}

/** The receipt as a phone-like JPEG. */
export async function renderReceipt(lines: readonly ReceiptLine[], options: RenderOptions = {}): Promise<Buffer> {
  const { rotate = 0, noise = 0, blur = 0, table, seed = 1, quality = 85 } = options;
  const { svg, width, height } = receiptSvg(lines, options);
  const border = table ? Math.round(width * 0.08) : 0;
  let image = await sharp(Buffer.from(svg)).flatten({ background: "#ffffff" }).png().toBuffer();
  if (border > 0) {
    image = await sharp(image).extend({ top: border, bottom: border, left: border, right: border, background: table }).png().toBuffer();
  }
  if (rotate !== 0) image = await sharp(image).rotate(rotate, { background: table ?? "#f7f4ec" }).png().toBuffer();
  const meta = await sharp(image).metadata();
  let pipeline = sharp(image);
  if (noise > 0) {
    const layer = await noiseLayer(meta.width ?? width, meta.height ?? height, noise, seed);
    pipeline = sharp(await pipeline.composite([{ input: layer, blend: "hard-light" }]).png().toBuffer());
  }
  if (blur > 0.3) pipeline = pipeline.blur(blur);
  return pipeline.jpeg({ quality }).toBuffer();
}
