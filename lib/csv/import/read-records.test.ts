import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRecords } from "./read-records";

const read = (text: string, delimiter: ";" | "," | "\t" = ",") => [...readRecords(text, delimiter)];

describe("readRecords", () => {
  it("numbers physical lines: blank lines, preamble and newlines inside quotes count", () => {
    const text = 'Konto;123\r\n\r\nDatum;Text;Betrag\r\n01.03.2025;"zwei\r\nZeilen";1,00\r\n\r\n02.03.2025;"drei\nZeilen\nhier";2,00\r\n03.03.2025;x;3,00';
    expect(read(text, ";")).toEqual([
      { line: 1, cells: ["Konto", "123"] },
      { line: 3, cells: ["Datum", "Text", "Betrag"] },
      { line: 4, cells: ["01.03.2025", "zwei\r\nZeilen", "1,00"] },
      { line: 7, cells: ["02.03.2025", "drei\nZeilen\nhier", "2,00"] },
      { line: 10, cells: ["03.03.2025", "x", "3,00"] },
    ]);
  });

  it("keeps quotes banks put inside unquoted fields as text", () => {
    expect(read('a,Kauf "Markt" 12,"b"c\n')).toEqual([{ line: 1, cells: ["a", 'Kauf "Markt" 12', '"b"c'] }]);
  });

  it("splits rows on every kind of line end in a file that mixes them", () => {
    expect(read("a,1\r\nb,2\nc,3\rd,4").map((r) => [r.line, r.cells[0]])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
      [4, "d"],
    ]);
  });

  it("splits on CRLF alone when told, keeping a lone LF or CR in an unquoted cell (our own export)", () => {
    expect(read("a,one\ntwo\r\nb,x\ry\r\n").length).toBe(4);
    expect([...readRecords("a,one\ntwo\r\nb,x\ry\r\n", ",", { isCrlfOnly: true })]).toEqual([
      { line: 1, cells: ["a", "one\ntwo"] },
      { line: 3, cells: ["b", "x\ry"] },
    ]);
  });

  it("ends with an unreadable record at the line of a quote that never closes", () => {
    expect(read('a,1\nb,"open\nc,3\n')).toEqual([
      { line: 1, cells: ["a", "1"] },
      { line: 2, cells: [], unreadable: "A quote opened on line 2 never closes, so the file cannot be read from there on" },
    ]);
  });

  it("reads a long file with quoted newlines across chunk boundaries, every line number right", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`2025-03-${String((i % 28) + 1).padStart(2, "0")}`, `Shop ${i}${i % 3 === 0 ? "\nsecond line" : ""}`, `-${i}.50`]);
    const text = stringify(rows, { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
    let line = 1;
    const expected = rows.map((cells) => {
      const record = { line, cells };
      line += cells.join("").split("\n").length;
      return record;
    });
    expect(read(text)).toEqual(expected);
  });

  it("reads back whatever a CSV writer wrote, with the line each record starts on", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "é", ",", ";", '"', "\n", "\r\n", " ", "1"), maxLength: 12 });
    const row = fc.array(cell, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.constantFrom("\n", "\r\n"), fc.array(fc.boolean(), { maxLength: 30 }), (rows, eol, blanks) => {
        let text = "";
        const expected = rows.map((cells, i) => {
          if (blanks[i] === true) text += eol;
          const record = { line: text.split(/\r\n|\r|\n/).length, cells };
          // RFC 4180 quotes every cell holding a CR or LF (csv-stringify alone quotes only its own record delimiter).
          text += stringify([cells], { record_delimiter: eol, quoted_match: /[\r\n]/ });
          return record;
        });
        expect(read(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
