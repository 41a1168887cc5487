/** Receipt files made in the tests (real encoders), and the upload a browser would do. Tests only. */
import { readFileSync } from "node:fs";
import sharp from "sharp";
import type { ReceiptUpload } from "../schemas";

function receiptSvg(width: number, height: number, label: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="100%" height="100%" fill="#f6f1e7"/>` +
      `<text x="40" y="${Math.round(height / 4)}" font-size="${Math.round(height / 10)}" font-family="sans-serif">${label}</text>` +
      `<text x="40" y="${Math.round(height / 2)}" font-size="${Math.round(height / 14)}" font-family="monospace">TOTAL EUR 12.50</text>` +
      `</svg>`,
  );
}

/** A phone photo: landscape pixels with EXIF orientation 6 (shown portrait), camera make and GPS coordinates. */
export function jpegWithGps(width = 1200, height = 800): Promise<Buffer> {
  return sharp(receiptSvg(width, height, "CAFE CENTRAL"))
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: "Apple", Model: "iPhone 15" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 12/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "16/1 22/1 10/1" },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const png = (width = 800, height = 600) => sharp(receiptSvg(width, height, "HARDWARE STORE")).png().toBuffer();
export const webp = (width = 900, height = 700) => sharp(receiptSvg(width, height, "BAKERY")).webp().toBuffer();

/** A one-page PDF, written out by hand (the format is text plus a byte-offset table). */
export function pdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Length 44 >>\nstream\nBT /F1 18 Tf 40 300 Td (TOTAL 12.50) Tj ET\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

/** An iPhone-style HEIC (HEVC) with an Exif item; see __fixtures__/README.md for how it was made. */
export const heic = (): Buffer => readFileSync(new URL("./__fixtures__/receipt-photo.heic", import.meta.url));

/** What the browser does with a grant: a multipart POST, the grant's fields first, the file last. */
export async function uploadWithGrant(grant: ReceiptUpload, file: Buffer, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...grant.fields, ...fields })) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)]), "receipt");
  return fetch(grant.url, { method: "POST", body: form });
}
