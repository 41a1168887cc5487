import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFile } from "./decode-file";

const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("decodeFile", () => {
  it("reads UTF-8 with a BOM and leaves the BOM out of the text", () => {
    expect(decodeFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("Datum;Empfänger\n")]))).toEqual({
      text: "Datum;Empfänger\n",
      encoding: "utf-8",
      hasBom: true,
    });
  });

  it("reads UTF-8 without a BOM, plain ASCII included", () => {
    expect(decodeFile(utf8("Café;12,50\n"))).toEqual({ text: "Café;12,50\n", encoding: "utf-8", hasBom: false });
    expect(decodeFile(utf8("a,b\n")).encoding).toBe("utf-8");
  });

  it("decides from the whole file: one Latin-1 umlaut after 2,000 ASCII lines makes it a single-byte file", () => {
    const ascii = Array.from({ length: 2000 }, (_, i) => `2025-03-01;Shop ${i};-1,00`).join("\n");
    const bytes = Buffer.concat([utf8(`${ascii}\n`), iconv.encode("2025-03-02;Bäckerei Müller;-2,00\n", "latin1")]);
    const decoded = decodeFile(bytes);
    expect(decoded.encoding).toBe("iso-8859-1");
    expect(decoded.text.endsWith("2025-03-02;Bäckerei Müller;-2,00\n")).toBe(true);
    expect(decoded.text).not.toContain("\ufffd");
  });

  it("keeps a file UTF-8 when every byte sequence is valid UTF-8, wherever the accents are", () => {
    const ascii = Array.from({ length: 500 }, () => "x;1").join("\n");
    expect(decodeFile(utf8(`${ascii}\nZürich;2\n`)).encoding).toBe("utf-8");
  });

  it("names windows-1252 when the file has bytes ISO-8859-1 leaves unused (the € at 0x80)", () => {
    const decoded = decodeFile(iconv.encode("Datum;Betrag\n03.03.2025;12,50 €\n04.03.2025;Café „Zur Post“ 3,20 €\n", "windows-1252"));
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toContain("Café „Zur Post“ 3,20 €");
  });

  it("reads UTF-16 LE and BE with a BOM", () => {
    const text = "Date,Amount\n2025-03-01,£12.50\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]);
    expect(decodeFile(le)).toEqual({ text, encoding: "utf-16le", hasBom: true });
    expect(decodeFile(be)).toEqual({ text, encoding: "utf-16be", hasBom: true });
  });

  it("recognises UTF-16 LE without a BOM by the NUL in every other byte", () => {
    expect(decodeFile(iconv.encode("Date,Amount\n2025-03-01,12.50\n", "utf-16le"))).toMatchObject({ encoding: "utf-16le", hasBom: false });
  });

  it("uses the encoding it is given (the user's choice in the preview)", () => {
    const bytes = iconv.encode("Müller", "latin1");
    expect(decodeFile(bytes, "windows-1252").text).toBe("Müller");
    expect(decodeFile(utf8("Müller"), "windows-1252").text).toBe("MÃ¼ller");
  });
});
