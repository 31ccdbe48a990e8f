/** Byte counts as docker prints them (go-units HumanSize): powers of 1000, four significant digits, `1.235MB`. */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < UNITS.length - 1) { size /= 1000; unit++; }
  return `${Number(size.toPrecision(4))}${UNITS[unit]}`;
}
