/**
 * The model as `docker compose config` prints it: canonical keys, `$` doubled so the output can be loaded again
 * (unless --no-interpolate), host-local metadata left out.
 */
import { stringify } from 'yaml';
import type { Project } from '../model/project.js';
import { applyRenderRules } from './render-rules.js';
import { jsonShape } from './json-shape.js';

export function configDocument(project: Project, options: { escapeDollars: boolean }): Record<string, unknown> {
  const { meta: _meta, ...rest } = project;
  const doc: Record<string, unknown> = { name: project.name, services: project.services };
  for (const key of ['networks', 'volumes', 'secrets', 'configs'] as const) if (Object.keys(project[key]).length) doc[key] = project[key];
  for (const [k, v] of Object.entries(rest)) if (k.startsWith('x-')) doc[k] = v;
  const rendered = applyRenderRules(doc) as Record<string, unknown>;
  return options.escapeDollars ? escapeDollars(rendered) as Record<string, unknown> : rendered;
}

function escapeDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$');
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)]));
  return value;
}

export function renderConfig(project: Project, format: 'yaml' | 'json', options: { escapeDollars: boolean }): string {
  const doc = configDocument(project, options);
  return format === 'json' ? `${JSON.stringify(jsonShape(doc), null, 2)}\n` : stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
