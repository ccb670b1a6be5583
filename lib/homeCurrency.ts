// A member's own estimate of what they owe in their home currency, at an exchange rate they typed
// (no rates are fetched: the phone may be offline, and a rate from a card or a bank differs anyway).
// Shown marked as an estimate; kept on the phone only.
import { CURRENCIES, type CurrencyCode } from './money';

export interface HomeRate {
  home: CurrencyCode;
  /** How many units of the menu's currency one unit of the home currency buys (1 EUR = 1,450 KRW → 1450). */
  menuPerHome: number;
}

/** Parses a typed rate ("1450", "1,450.5", "0,92"); null when it is not a positive number. */
export function parseRate(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned)) return null;
  // One separator followed by 1–2 or 4+ digits, or several: the last one is the decimal mark only
  // when it is followed by fewer than three digits ("1,450" is a thousand, "0,92" a decimal).
  const last = Math.max(cleaned.lastIndexOf('.'), cleaned.lastIndexOf(','));
  const decimals = last >= 0 ? cleaned.length - last - 1 : 0;
  const isDecimal = last >= 0 && decimals !== 3;
  const whole = (isDecimal ? cleaned.slice(0, last) : cleaned).replace(/[.,]/g, '');
  const value = Number(isDecimal ? `${whole}.${cleaned.slice(last + 1)}` : whole);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** An amount of the menu's currency (minor units) in the home currency's minor units, rounded. */
export function toHomeMinor(menuMinor: number, menu: CurrencyCode, rate: HomeRate): number {
  const menuUnits = menuMinor / 10 ** CURRENCIES[menu].minorDigits;
  return Math.round((menuUnits / rate.menuPerHome) * 10 ** CURRENCIES[rate.home].minorDigits);
}
