/** Compose durations (`1m30s`, `500ms`) in whole seconds, rounded up so a grace period is never cut short. */
export function durationSeconds(value: string | number): number {
  if (typeof value === 'number') return value;
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]!]!;
  return Math.ceil(total);
}
