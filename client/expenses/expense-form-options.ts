/** The currencies offered in the add form: common ones, plus JPY and KWD for their 0 and 3 decimals. */
export const CURRENCY_OPTIONS = ["EUR", "USD", "GBP", "CHF", "JPY", "KWD", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD", "INR", "CNY"] as const;

export const DEFAULT_CURRENCY = "EUR";
