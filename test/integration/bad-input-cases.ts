/**
 * Bad input, one case per mistake: each must fail with exit code 1, a one-paragraph message that says where
 * (`file:line:column`), the key path and what is wrong, no stack trace, and nothing created on the engine.
 */
export interface BadInputCase {
  name: string;
  files: Record<string, string>;
  args?: string[];
  /** `compose.yaml:3` — the file and line the message must point at (column is required too, any value). */
  at?: string;
  /** Substrings the message must contain (key path, offending value, hint…). */
  says: string[];
  /** Run without the scenario's own `-p`, when the project name itself is what is wrong. */
  noProjectFlag?: boolean;
}

const web = (extra: string) => `services:\n  web:\n    image: tcompose/busybox:latest\n${extra}`;

export const badInputCases: BadInputCase[] = [
  // YAML syntax
  { name: 'unclosed quote', files: { 'compose.yaml': 'services:\n  web:\n    image: "tcompose/busybox\n    command: x\n' }, at: 'compose.yaml:3', says: [] },
  { name: 'bad indentation', files: { 'compose.yaml': 'services:\n  web:\n    image: x\n   command: y\n' }, at: 'compose.yaml:4', says: [] },
  { name: 'tab indentation', files: { 'compose.yaml': 'services:\n\tweb:\n\t\timage: x\n' }, at: 'compose.yaml:2', says: [] },
  { name: 'duplicate key', files: { 'compose.yaml': web('    image: other\n') }, at: 'compose.yaml:4', says: ['image'] },
  { name: 'unbalanced bracket', files: { 'compose.yaml': web('    command: [sh, -c\n') }, at: 'compose.yaml:', says: [] },
  { name: 'syntax error in override file', files: { 'compose.yaml': web(''), 'compose.override.yaml': 'services:\n  web:\n    ports: [80\n' }, at: 'compose.override.yaml:', says: [] },
  // wrong types
  { name: 'services is a sequence', files: { 'compose.yaml': 'services:\n  - web\n' }, at: 'compose.yaml:2', says: ['services', 'mapping'] },
  { name: 'service is a string', files: { 'compose.yaml': 'services:\n  web: busybox\n' }, at: 'compose.yaml:2', says: ['services.web', 'mapping'] },
  { name: 'ports is a mapping', files: { 'compose.yaml': web('    ports:\n      http: 80\n') }, at: 'compose.yaml:5', says: ['services.web.ports'] },
  { name: 'command is a number', files: { 'compose.yaml': web('    command: 42\n') }, at: 'compose.yaml:4', says: ['services.web.command'] },
  { name: 'scale is a word', files: { 'compose.yaml': web('    scale: two\n') }, at: 'compose.yaml:4', says: ['services.web.scale', 'two'] },
  { name: 'profiles is a string', files: { 'compose.yaml': web('    profiles: debug\n') }, at: 'compose.yaml:4', says: ['services.web.profiles'] },
  { name: 'depends_on condition unknown', files: { 'compose.yaml': web('    depends_on:\n      db:\n        condition: service_ready\n  db:\n    image: x\n') }, at: 'compose.yaml:6', says: ['services.web.depends_on.db.condition', 'service_ready'] },
  { name: 'ulimit that is not a number', files: { 'compose.yaml': web('    ulimits:\n      nofile:\n        soft: lots\n') }, at: 'compose.yaml:6', says: ['services.web.ulimits.nofile'] },
  { name: 'long port target is a word', files: { 'compose.yaml': web('    ports:\n      - target: eighty\n') }, at: 'compose.yaml:5', says: ['services.web.ports[0].target', 'eighty'] },
  { name: 'environment value is a mapping', files: { 'compose.yaml': web('    environment:\n      A:\n        b: c\n') }, at: 'compose.yaml:6', says: ['services.web.environment.A'] },
  { name: 'healthcheck retries negative type', files: { 'compose.yaml': web('    healthcheck:\n      retries: many\n') }, at: 'compose.yaml:5', says: ['services.web.healthcheck.retries', 'many'] },
  // unknown keys
  { name: 'misspelled service key', files: { 'compose.yaml': web('    imagee: x\n') }, at: 'compose.yaml:4', says: ['imagee', 'image'] },
  { name: 'misspelled healthcheck', files: { 'compose.yaml': web('    helthcheck:\n      test: ["CMD", "true"]\n') }, at: 'compose.yaml:4', says: ['helthcheck', 'healthcheck'] },
  { name: 'misspelled top-level key', files: { 'compose.yaml': 'servces:\n  web:\n    image: x\n' }, at: 'compose.yaml:1', says: ['servces', 'services'] },
  { name: 'misspelled depends_on', files: { 'compose.yaml': web('    depend_on: [db]\n  db:\n    image: x\n') }, at: 'compose.yaml:4', says: ['depend_on', 'depends_on'] },
  // interpolation
  { name: 'unterminated variable', files: { 'compose.yaml': web('    environment:\n      A: ${FOO\n') }, at: 'compose.yaml:5', says: ['services.web.environment.A', '$$'] },
  { name: 'required variable with message', files: { 'compose.yaml': web('    environment:\n      A: ${TC_SURELY_UNSET:?set TC_SURELY_UNSET first}\n') }, at: 'compose.yaml:5', says: ['TC_SURELY_UNSET', 'set TC_SURELY_UNSET first'] },
  { name: 'required variable without message', files: { 'compose.yaml': 'services:\n  web:\n    image: ${TC_SURELY_UNSET?}\n' }, at: 'compose.yaml:3', says: ['TC_SURELY_UNSET'] },
  { name: 'invalid variable name', files: { 'compose.yaml': web('    labels:\n      a: ${1abc}\n') }, at: 'compose.yaml:5', says: ['services.web.labels.a'] },
  // undefined references
  { name: 'depends_on an undefined service', files: { 'compose.yaml': web('    depends_on: [db]\n') }, at: 'compose.yaml:4', says: ['services.web.depends_on', 'db'] },
  { name: 'undefined network', files: { 'compose.yaml': web('    networks: [back]\n') }, at: 'compose.yaml:4', says: ['services.web.networks', 'back'] },
  { name: 'undefined named volume', files: { 'compose.yaml': web('    volumes:\n      - data:/data\n') }, at: 'compose.yaml:5', says: ['services.web.volumes', 'data'] },
  { name: 'undefined secret', files: { 'compose.yaml': web('    secrets: [token]\n') }, at: 'compose.yaml:4', says: ['services.web.secrets', 'token'] },
  { name: 'undefined config', files: { 'compose.yaml': web('    configs: [conf]\n') }, at: 'compose.yaml:4', says: ['services.web.configs', 'conf'] },
  { name: 'volumes_from an undefined service', files: { 'compose.yaml': web('    volumes_from: [store]\n') }, at: 'compose.yaml:4', says: ['services.web.volumes_from', 'store'] },
  { name: 'network_mode service undefined', files: { 'compose.yaml': web('    network_mode: service:vpn\n') }, at: 'compose.yaml:4', says: ['services.web.network_mode', 'vpn'] },
  { name: 'extends an undefined service', files: { 'compose.yaml': web('    extends:\n      service: base\n') }, at: 'compose.yaml:', says: ['extends', 'base'] },
  { name: 'include of a missing file', files: { 'compose.yaml': 'include:\n  - other.yaml\n' + web('') }, at: 'compose.yaml:2', says: ['other.yaml'] },
  // cycles
  { name: 'two-service cycle', files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n' }, at: 'compose.yaml:', says: ['a -> b -> a'] },
  { name: 'three-service cycle', files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n' }, at: 'compose.yaml:', says: ['a -> b -> c -> a'] },
  { name: 'self dependency', files: { 'compose.yaml': web('    depends_on: [web]\n') }, at: 'compose.yaml:4', says: ['web -> web'] },
  { name: 'extends cycle', files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n' }, at: 'compose.yaml:', says: ['extends'] },
  // ports and volumes
  { name: 'port with too many parts', files: { 'compose.yaml': web('    ports: ["1:2:3:4"]\n') }, at: 'compose.yaml:4', says: ['services.web.ports[0]', '1:2:3:4'] },
  { name: 'port that is not a number', files: { 'compose.yaml': web('    ports: ["abc"]\n') }, at: 'compose.yaml:4', says: ['services.web.ports[0]', 'abc'] },
  { name: 'port out of range', files: { 'compose.yaml': web('    ports: ["70000:80"]\n') }, at: 'compose.yaml:4', says: ['services.web.ports[0]', '70000'] },
  { name: 'port range sizes differ', files: { 'compose.yaml': web('    ports: ["8000-8002:80-81"]\n') }, at: 'compose.yaml:4', says: ['services.web.ports[0]'] },
  { name: 'volume spec with empty parts', files: { 'compose.yaml': web('    volumes: ["::"]\n') }, at: 'compose.yaml:4', says: ['services.web.volumes[0]'] },
  { name: 'volume with unknown mode', files: { 'compose.yaml': web('    volumes: ["./data:/data:rx"]\n') }, at: 'compose.yaml:4', says: ['services.web.volumes[0]', 'rx'] },
  { name: 'bind mount without source', files: { 'compose.yaml': web('    volumes:\n      - type: bind\n        target: /data\n') }, at: 'compose.yaml:5', says: ['services.web.volumes[0]', 'source'] },
  { name: 'volume target not absolute', files: { 'compose.yaml': web('    volumes: ["./data:data"]\n') }, at: 'compose.yaml:4', says: ['services.web.volumes[0]'] },
  // conflicts between services
  { name: 'same container_name twice', files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    container_name: shared\n  b:\n    image: x\n    container_name: shared\n' }, at: 'compose.yaml:7', says: ['container_name', 'shared'] },
  { name: 'container_name with two replicas', files: { 'compose.yaml': web('    container_name: one\n    scale: 2\n') }, at: 'compose.yaml:', says: ['services.web', 'container_name'] },
  { name: 'same host port twice', files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["127.0.0.1:18080:80"]\n  b:\n    image: x\n    ports: ["127.0.0.1:18080:81"]\n' }, at: 'compose.yaml:7', says: ['18080', 'services.a'] },
  { name: 'network_mode together with networks', files: { 'compose.yaml': web('    network_mode: host\n    networks: [default]\n') }, at: 'compose.yaml:', says: ['network_mode', 'networks'] },
  // missing files
  { name: 'missing env_file', files: { 'compose.yaml': web('    env_file: [missing.env]\n') }, at: 'compose.yaml:4', says: ['services.web.env_file', 'missing.env'] },
  { name: 'missing build context', files: { 'compose.yaml': 'services:\n  web:\n    build: ./nowhere\n' }, at: 'compose.yaml:3', says: ['services.web.build', 'nowhere'] },
  { name: 'missing secret file', files: { 'compose.yaml': web('    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n') }, at: 'compose.yaml:7', says: ['secrets.token', 'token.txt'] },
  { name: 'neither image nor build', files: { 'compose.yaml': 'services:\n  web:\n    command: ["true"]\n' }, at: 'compose.yaml:2', says: ['services.web', 'image'] },
  { name: 'empty compose file', files: { 'compose.yaml': '' }, at: 'compose.yaml:', says: ['empty'] },
  // values the engine would reject late
  { name: 'invalid duration', files: { 'compose.yaml': web('    healthcheck:\n      interval: 10 seconds\n') }, at: 'compose.yaml:5', says: ['services.web.healthcheck.interval', '10 seconds'] },
  { name: 'invalid stop_grace_period', files: { 'compose.yaml': web('    stop_grace_period: forever\n') }, at: 'compose.yaml:4', says: ['services.web.stop_grace_period', 'forever'] },
  { name: 'unknown pull_policy', files: { 'compose.yaml': web('    pull_policy: alwayz\n') }, at: 'compose.yaml:4', says: ['services.web.pull_policy', 'alwayz', 'always, never, missing'] },
  { name: 'invalid pull_refresh_after', files: { 'compose.yaml': web('    pull_policy: refresh\n    pull_refresh_after: soon\n') }, at: 'compose.yaml:5', says: ['services.web.pull_refresh_after', 'soon'] },
  { name: 'invalid memory size', files: { 'compose.yaml': web('    mem_limit: lots\n') }, at: 'compose.yaml:4', says: ['services.web.mem_limit', 'lots'] },
  // project names
  { name: 'invalid name in the file', files: { 'compose.yaml': 'name: My Project\n' + web('') }, at: 'compose.yaml:1', says: ['My Project'], noProjectFlag: true },
];

/** Cases whose mistake is on the command line, not in a file: they name the flag or file instead of a line. */
export const badFlagCases: BadInputCase[] = [
  { name: 'invalid -p project name', files: { 'compose.yaml': web('') }, args: ['-p', 'Bad Name!'], says: ['Bad Name!'] },
  { name: '-f names a missing file', files: { 'compose.yaml': web('') }, args: ['-f', 'nope.yaml'], says: ['nope.yaml'] },
  { name: '-f names a directory', files: { 'compose.yaml': web(''), 'adir/x': '' }, args: ['-f', 'adir'], says: ['adir'] },
  { name: 'no compose file at all', files: { 'README': 'nothing here' }, args: [], says: ['compose.yaml'] },
];
