/**
 * The currencies Ledgerline accepts and the decimals of each: the ISO 4217 list with its minor units as
 * Ledgerline stores them. Pinned here, not read from the runtime (Intl/ICU), so no Node or ICU upgrade can ever
 * change how a stored amount of minor units reads.
 *
 * Source: the runtime data the first stored amounts were written with (Node 20, ICU 78.2, CLDR 48), checked
 * against ISO 4217 (List One as published by SIX, via the currency-codes package) in currency-exponents.test.ts.
 * Where CLDR drops a minor unit no longer used in practice (HUF, IQD, IDR…: amounts are written in whole units)
 * this table keeps CLDR, as that is how people type and read them; the test lists each such difference.
 *
 * Append only: a code is never removed or its decimals changed, or amounts already stored would be rescaled.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  ...byExponent(0, `
    AFN ALL BIF CLP COP DJF GNF HUF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MGA MMK
    PKR PYG RWF SLL SOS SYP UGX VND VUV XAF XOF XPF YER`),
  ...byExponent(2, `
    AED AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN
    BZD CAD CDF CHF CNY CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
    GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG ILS INR JMD KES KGS KHR KYD KZT LKR LRD
    LSL MAD MDL MKD MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB
    PEN PGK PHP PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SRD SSP STN SVC
    SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG XDR XSU ZAR
    ZMW ZWG ZWL`),
  ...byExponent(3, `
    BHD JOD KWD LYD OMR TND`),
});

function byExponent(exponent: number, codes: string): Record<string, number> {
  return Object.fromEntries(codes.trim().split(/\s+/).map((code) => [code, exponent]));
}
