/** The loader's only contact with the disk, injectable for tests. */
import { existsSync, readFileSync, statSync } from 'node:fs';

export interface FileSystem {
  /** The text, undefined when missing, null when not a readable file. */
  readText(path: string): string | undefined | null;
  readStdin(): string;
  exists(path: string): boolean;
}

export const fileSystem: FileSystem = {
  readText(path) {
    if (!existsSync(path)) return undefined;
    try {
      if (!statSync(path).isFile()) return null;
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  readStdin: () => readFileSync(0, 'utf8'),
  exists: (path) => existsSync(path),
};
