/**
 * The protobuf wire format, as far as BuildKit's session and status messages need it: varints and
 * length-delimited fields (strings, bytes, nested messages). Field numbers come from BuildKit's .proto files.
 */

export type Field = Buffer | number;

/** Field number → values in order (length-delimited as Buffer, varints as number). */
export type Decoded = Map<number, Field[]>;

function readVarint(buf: Buffer, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated protobuf varint');
    const byte = buf[pos++]!;
    // Beyond 2^53 precision is lost; BuildKit's int64s here are byte counts and timestamps, well below it.
    result += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [result, pos];
    shift += 7;
  }
}

export function decode(buf: Buffer): Decoded {
  const fields: Decoded = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Field;
    if (wire === 0) [value, pos] = readVarint(buf, afterKey);
    else if (wire === 2) {
      const [length, start] = readVarint(buf, afterKey);
      value = buf.subarray(start, start + length);
      pos = start + length;
    } else if (wire === 1) { value = buf.readDoubleLE(afterKey); pos = afterKey + 8; } else if (wire === 5) { value = buf.readUInt32LE(afterKey); pos = afterKey + 4; } else throw new Error(`unsupported protobuf wire type ${wire}`);
    const list = fields.get(field);
    if (list) list.push(value); else fields.set(field, [value]);
  }
  return fields;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  while (v >= 0x80) { bytes.push((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** Encode fields in order; strings and Buffers as length-delimited, numbers as varints; undefined is left out. */
export function encode(fields: Array<[number, string | Buffer | number | undefined]>): Buffer {
  const parts: Buffer[] = [];
  for (const [field, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'number') { parts.push(varint(field * 8), varint(value)); continue; }
    const bytes = typeof value === 'string' ? Buffer.from(value) : value;
    parts.push(varint(field * 8 + 2), varint(bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

export const text = (fields: Decoded, field: number): string | undefined => {
  const v = fields.get(field)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};
export const bytes = (fields: Decoded, field: number): Buffer | undefined => {
  const v = fields.get(field)?.[0];
  return Buffer.isBuffer(v) ? v : undefined;
};
export const num = (fields: Decoded, field: number): number | undefined => {
  const v = fields.get(field)?.[0];
  return typeof v === 'number' ? v : undefined;
};
export const messages = (fields: Decoded, field: number): Decoded[] =>
  (fields.get(field) ?? []).filter((v): v is Buffer => Buffer.isBuffer(v)).map(decode);
