/**
 * Right after interpolation, strings at typed paths become the type the schema wants (compose-go's
 * `interpolateTypeCastMapping`), so `read_only: ${RO:-false}` loads and `external: "false"` means not external.
 * Like compose-go, every string at such a path is cast, whether or not it held a variable.
 */
import type { KeyPath } from './field-error.js';

export class CastError extends Error {}

/** A cast from the string; `warn` receives what was read but is deprecated (YAML 1.1 booleans). */
type Cast = (value: string, warn?: (message: string) => void) => boolean | number;

/** Go's strconv.Atoi / ParseInt: an optional sign and decimal digits, nothing else. */
function toInteger(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new CastError(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new CastError(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  return n;
}

/** Go's strconv.ParseFloat accepts decimal, exponent and the special names; JavaScript's Number is close enough once blanks and hex are excluded. */
function toFloat(value: string): number {
  const n = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity)$/i.test(value) ? Number(value.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity')) : NaN;
  if (Number.isNaN(n)) throw new CastError(`strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`);
  return n;
}

/** YAML 1.1 words are still read (with a warning, as compose-go gives) so old files keep their meaning. */
const YAML11_BOOLEANS: Record<string, boolean> = { y: true, yes: true, on: true, n: false, no: false, off: false };

function toBoolean(value: string, warn?: (message: string) => void): boolean {
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const legacy = YAML11_BOOLEANS[lower];
  if (legacy === undefined) throw new CastError(`invalid boolean: ${value}`);
  warn?.(`"${value}" for boolean is not supported by YAML 1.2, please use \`${legacy}\``);
  return legacy;
}

const int: Cast = toInteger;
const float: Cast = toFloat;
const bool: Cast = toBoolean;

/** `*` matches any mapping key, `[]` any sequence index. */
const SERVICE_CASTS: Array<[string, Cast]> = [
  ['cpu_count', int], ['cpu_percent', float], ['cpu_period', int], ['cpu_quota', int], ['cpu_rt_period', int],
  ['cpu_rt_runtime', int], ['cpus', float], ['cpu_shares', int], ['init', bool],
  ['depends_on.*.required', bool], ['depends_on.*.restart', bool],
  ['deploy.replicas', int], ['deploy.update_config.parallelism', int], ['deploy.update_config.max_failure_ratio', float],
  ['deploy.rollback_config.parallelism', int], ['deploy.rollback_config.max_failure_ratio', float],
  ['deploy.restart_policy.max_attempts', int], ['deploy.placement.max_replicas_per_node', int],
  ['healthcheck.retries', int], ['healthcheck.disable', bool], ['oom_kill_disable', bool], ['oom_score_adj', int],
  ['pids_limit', int], ['ports.[].target', int], ['privileged', bool], ['read_only', bool], ['scale', int],
  ['stdin_open', bool], ['tty', bool], ['ulimits.*', int], ['ulimits.*.hard', int], ['ulimits.*.soft', int],
  ['volumes.[].read_only', bool], ['volumes.[].volume.nocopy', bool],
];
const RESOURCE_CASTS: Array<[string, Cast]> = [
  ['networks.*.external', bool], ['networks.*.internal', bool], ['networks.*.attachable', bool],
  ['networks.*.enable_ipv4', bool], ['networks.*.enable_ipv6', bool],
  ['volumes.*.external', bool], ['secrets.*.external', bool], ['configs.*.external', bool],
];

/** The table as a trie keyed by path segment, so finding a path's cast costs its depth, not the table's size. */
interface CastNode { cast?: Cast; children: Map<string, CastNode> }

function buildTrie(): CastNode {
  const root: CastNode = { children: new Map() };
  const add = (pattern: string, cast: Cast) => {
    let node = root;
    for (const seg of pattern.split('.')) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { children: new Map() }));
      node = next;
    }
    node.cast = cast;
  };
  for (const [p, c] of SERVICE_CASTS) add(`services.*.${p}`, c);
  for (const [p, c] of RESOURCE_CASTS) add(p, c);
  return root;
}

const trie = buildTrie();

function castFor(path: KeyPath): Cast | undefined {
  let node: CastNode | undefined = trie;
  for (const seg of path) {
    node = typeof seg === 'number' ? node.children.get('[]') : node.children.get(seg) ?? node.children.get('*');
    if (!node) return undefined;
  }
  return node.cast;
}

/** The string as the type its path wants, or unchanged where the table has no cast. Throws CastError. */
export function castAtPath(path: KeyPath, value: string, warn?: (message: string) => void): string | number | boolean {
  const cast = castFor(path);
  return cast ? cast(value, warn) : value;
}
