/**
 * The JSON schema (draft-07, as ajv reads it) of the value shapes the compose-spec allows where tcompose's own
 * key checks (validate.ts) do not look: the short/long forms of service fields. Written for tcompose from the
 * compose-spec's rules; unknown keys are reported by validate.ts, with suggestions, before this runs.
 */
const stringOrNumber = { type: ['string', 'number'] };
const stringList = { type: 'array', items: stringOrNumber };
const stringOrList = { type: ['string', 'array'], items: stringOrNumber };
/** `[K=V]` or `{K: V}`, values scalars or null. */
const listOrDict = {
  type: ['object', 'array'],
  items: stringOrNumber,
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
};
const mapping = { type: 'object' };

const service = {
  type: 'object',
  properties: {
    command: { type: ['string', 'array', 'null'], items: stringOrNumber },
    entrypoint: { type: ['string', 'array', 'null'], items: stringOrNumber },
    environment: listOrDict,
    labels: listOrDict,
    annotations: listOrDict,
    sysctls: listOrDict,
    ports: { type: 'array', items: { type: ['string', 'number', 'object'], properties: { target: stringOrNumber, published: stringOrNumber, host_ip: { type: 'string' }, protocol: { type: 'string' }, mode: { type: 'string' } } } },
    expose: stringList,
    volumes: { type: 'array', items: { type: ['string', 'object'], properties: { type: { type: 'string' }, source: { type: 'string' }, target: { type: 'string' }, read_only: { type: ['boolean', 'string'] } } } },
    depends_on: { type: ['array', 'object'], items: { type: 'string' }, additionalProperties: { type: ['object', 'null'] } },
    networks: { type: ['array', 'object'], items: { type: 'string' }, additionalProperties: { type: ['object', 'null'] } },
    secrets: { type: 'array', items: { type: ['string', 'object'], properties: { source: { type: 'string' }, target: { type: 'string' } } } },
    configs: { type: 'array', items: { type: ['string', 'object'], properties: { source: { type: 'string' }, target: { type: 'string' } } } },
    env_file: { type: ['string', 'array'], items: { type: ['string', 'object'] } },
    build: { type: ['string', 'object'], properties: { context: { type: 'string' }, dockerfile: { type: 'string' }, args: listOrDict, labels: listOrDict, target: { type: 'string' } } },
    healthcheck: { type: 'object', properties: { test: stringOrList, disable: { type: ['boolean', 'string'] } } },
    extra_hosts: { type: ['array', 'object'] },
    dns: stringOrList,
    dns_search: stringOrList,
    tmpfs: stringOrList,
    logging: { type: 'object', properties: { driver: { type: 'string' }, options: { type: ['object', 'null'] } } },
    deploy: { type: ['object', 'null'] },
    extends: { type: ['string', 'object'], properties: { service: { type: 'string' }, file: { type: 'string' } } },
    develop: { type: ['object', 'null'] },
  },
};

const resource = { type: ['object', 'null'], properties: { name: { type: 'string' }, driver: { type: 'string' }, driver_opts: mapping, labels: listOrDict } };

export const composeSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    services: { type: ['object', 'null'], additionalProperties: { ...service, type: ['object', 'null'] } },
    networks: { type: ['object', 'null'], additionalProperties: resource },
    volumes: { type: ['object', 'null'], additionalProperties: resource },
    secrets: { type: ['object', 'null'], additionalProperties: resource },
    configs: { type: ['object', 'null'], additionalProperties: resource },
    include: { type: 'array', items: { type: ['string', 'object'] } },
  },
} as const;
