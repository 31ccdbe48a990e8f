/** A mistake at a key path, before its file position is known (the loader adds file:line:column). */
export type KeyPath = Array<string | number>;

export class FieldError extends Error {
  constructor(readonly path: KeyPath, message: string, readonly hint?: string, readonly atKey = false, readonly prefixPath = true) {
    super(message);
  }
}

/** `services.web.ports[0]` */
export function formatPath(path: KeyPath): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
