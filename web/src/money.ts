// Money in the UI: the API counts integer minor units (cents for USD); people read and type major
// units with two decimals. Parsing is done on the text, never through floating point.
import { fmtNumber } from './i18n';

/** 123456 -> "1234.56" (what an input shows). */
export function minorToText(minor: number): string {
  const neg = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(3, '0');
  return (neg ? '-' : '') + digits.slice(0, -2) + '.' + digits.slice(-2);
}

/** "1234.5" -> 123450; "" -> 0; anything but a non-negative amount with at most two decimals -> null. */
export function textToMinor(text: string): number | null {
  const s = text.trim().replace(/[\s,]/g, '');
  if (s === '') return 0;
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** An amount in minor units, formatted in the user's language with its currency. */
export function fmtMinor(minor: number, currency: string): string {
  return fmtNumber(minor / 100, currency);
}
