/**
 * Durations as docker compose prints them: Go's `time.Duration.String()` (`2m0s`, `1h0m0s`, `1.5s`, `500ms`),
 * so `120s` and `2m` written in a file print alike.
 */
import { parseDurationNanos } from '../model/units.js';

/** Go's fractional formatting: `1.5`, never trailing zeros. */
const fraction = (value: number, scale: number) => String(Number((value / scale).toFixed(9)));

export function formatGoDuration(nanos: number): string {
  if (nanos === 0) return '0s';
  const sign = nanos < 0 ? '-' : '';
  const n = Math.abs(nanos);
  if (n < 1e3) return `${sign}${n}ns`;
  if (n < 1e6) return `${sign}${fraction(n, 1e3)}µs`;
  if (n < 1e9) return `${sign}${fraction(n, 1e6)}ms`;
  const hours = Math.floor(n / 3600e9);
  const minutes = Math.floor((n % 3600e9) / 60e9);
  const seconds = fraction(n % 60e9, 1e9);
  if (hours) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** A duration value (string or number of seconds) as Go prints it; anything else unchanged. */
export function canonicalDuration(value: unknown): unknown {
  const nanos = parseDurationNanos(value);
  return nanos === undefined ? value : formatGoDuration(nanos);
}
