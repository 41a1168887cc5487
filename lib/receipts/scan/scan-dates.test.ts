import { describe, expect, it } from "vitest";
import { datesInLine, findDate } from "./scan-dates";

const eu = { today: "2025-06-30", isMonthFirst: false };
const us = { today: "2025-06-30", isMonthFirst: true };
const read = (line: string, options = eu) => datesInLine(line, options).map((d) => d.value);

describe("datesInLine", () => {
  it("reads the numeric formats", () => {
    expect(read("14.03.2025 17:42")).toEqual(["2025-03-14"]);
    expect(read("14.03.25")).toEqual(["2025-03-14"]);
    expect(read("2025-03-14")).toEqual(["2025-03-14"]);
    expect(read("2025/03/14 18:20")).toEqual(["2025-03-14"]);
    expect(read("2025年3月14日(金)")).toEqual(["2025-03-14"]);
  });

  it("reads day/month order by the receipt's convention unless a part is over 12", () => {
    expect(read("03/04/2025", eu)).toEqual(["2025-04-03"]);
    expect(read("03/04/2025", us)).toEqual(["2025-03-04"]);
    expect(read("03/14/2025", eu)).toEqual(["2025-03-14"]);
    expect(read("14/03/2025", us)).toEqual(["2025-03-14"]);
  });

  it("reads month names in English, German, French, Dutch, Italian and Spanish", () => {
    expect(read("14-Mar-2025")).toEqual(["2025-03-14"]);
    expect(read("Mar 14, 2025 8:02 AM")).toEqual(["2025-03-14"]);
    expect(read("14. März 2025")).toEqual(["2025-03-14"]);
    expect(read("le 3 févr. 2025")).toEqual(["2025-02-03"]);
    expect(read("3 mei 2025")).toEqual(["2025-05-03"]);
    expect(read("12 giugno 2025")).toEqual(["2025-06-12"]);
    expect(read("5 de enero 2025")).toEqual([]);
    expect(read("5 enero 2025")).toEqual(["2025-01-05"]);
  });

  it("never returns a future date: swaps day and month, else drops it", () => {
    expect(datesInLine("04/03/2025", { today: "2025-03-20", isMonthFirst: true })).toEqual([{ value: "2025-03-04", confidence: 0.6 }]);
    expect(read("28/09/2025")).toEqual([]);
    expect(read("2031-01-01")).toEqual([]);
  });

  it("refuses impossible dates and dates before 1990", () => {
    expect(read("31.02.2025")).toEqual([]);
    expect(read("01.01.1989")).toEqual([]);
  });

  it("repairs the look-alikes O and l and a 0 misread as 6, 8 or 9, with less confidence", () => {
    expect(read("O4/O9/2O25", us)).toEqual(["2025-04-09"]);
    expect(datesInLine("05/03/2625", us)).toEqual([{ value: "2025-05-03", confidence: 0.5 }]);
    expect(read("09-65-2025")).toEqual(["2025-05-09"]);
  });

  it("does not read amounts, phone numbers or times as dates", () => {
    expect(read("TOTAL 12.50  TEL 800-532-2918  12:22")).toEqual([]);
    expect(read("MWST 8.1% inkl. 1.06")).toEqual([]);
  });
});

describe("findDate", () => {
  it("prefers the departure date of a hotel bill and a repeated date", () => {
    expect(findDate(["Arrival 12-Mar-2025 Departure 15-Mar-2025", "12-Mar-2025 Room"], eu)?.value).toBe("2025-03-15");
    expect(findDate(["01/02/2025", "05/02/2025", "05/02/2025"], eu)?.value).toBe("2025-02-05");
  });

  it("skips return-by and expiry lines", () => {
    expect(findDate(["Return by 01/05/2025", "EXP 12/26", "02/04/2025"], eu)?.value).toBe("2025-04-02");
  });
});
