// Build step: compile the compose JSON schema to a standalone validation module with ajv, so the CLI never
// compiles it at run time. Reads dist/schema/compose-schema.js (tsc output), writes dist/schema/compose-schema-validate.mjs.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'schema');
const { composeSchema } = await import(join(dist, 'compose-schema.js'));
const ajv = new Ajv.default({ allErrors: true, strict: false, code: { source: true, esm: true } });
const validate = ajv.compile(composeSchema);
writeFileSync(join(dist, 'compose-schema-validate.mjs'), standaloneCode.default(ajv, validate));
