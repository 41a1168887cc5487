import { describe, expect, it } from "vitest";
import { cleanMerchant, findMerchant } from "./scan-merchant";

const merchant = (...lines: string[]) => findMerchant(lines)?.value;

describe("findMerchant", () => {
  it("takes the first name line, skipping headings, greetings, addresses, phones, URLs, dates and tax ids", () => {
    expect(merchant("RECEIPT", "Welcome to", "SUNRISE BAKERY", "77 Baker Lane")).toBe("SUNRISE BAKERY");
    expect(merchant("Tel 01632 960123", "www.shop.co.uk", "14.03.2025 10:00", "VAT Reg 123 456", "HILLTOP")).toBe("HILLTOP");
    expect(merchant("12 High Street", "Oxford OX1 4AB", "THE RED LION")).toBe("THE RED LION");
    expect(merchant("CHICAGO, IL", "MEGA MARKET")).toBe("MEGA MARKET");
  });

  it("skips counter lines with numbers but keeps a name with such a word", () => {
    expect(merchant("STORE #1477 TERMINAL 20", "CORNER STORE")).toBe("CORNER STORE");
  });

  it("lets a capitalised name overtake a mixed-case line just above it", () => {
    expect(merchant("Your friendly grocer", "GREEN VALLEY MARKET")).toBe("GREEN VALLEY MARKET");
  });

  it("skips OCR noise lines", () => {
    expect(merchant("~ . ,, -", "=|= ;;", "TAQUERIA EL SOL")).toBe("TAQUERIA EL SOL");
  });

  it("reads names without case (Japanese) and is never certain", () => {
    const guess = findMerchant(["いらっしゃいませ", "ファミリーショップ 新宿店"]);
    expect(guess?.value).toBe("ファミリーショップ 新宿店");
    expect(guess?.confidence).toBeLessThanOrEqual(0.9);
  });

  it("finds nothing in a text without a name", () => {
    expect(findMerchant(["12.50", "03/04/2025"])).toBeUndefined();
  });
});

describe("cleanMerchant", () => {
  it("strips debris, collapses spaces and reads 0 as O inside capital words", () => {
    expect(cleanMerchant("() MEGA  BIGBOX **")).toBe("MEGA BIGBOX");
    expect(cleanMerchant("C0RNER BAKERY")).toBe("CORNER BAKERY");
    expect(cleanMerchant("BAR 21")).toBe("BAR 21");
    expect(cleanMerchant('SKLEP "POD DĘBEM"')).toBe('SKLEP "POD DĘBEM"');
  });
});
