/**
 * Node built-ins a plain unix-socket run never needs (https and so tls and crypto, child_process), loaded on
 * first use: at a CLI's start-up, every module loaded is time before the first engine call.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const lazyHttps = (): typeof import('node:https') => load('node:https') as typeof import('node:https');
export const lazyChildProcess = (): typeof import('node:child_process') => load('node:child_process') as typeof import('node:child_process');
export const lazyCrypto = (): typeof import('node:crypto') => load('node:crypto') as typeof import('node:crypto');
