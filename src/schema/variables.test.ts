import { describe, expect, it } from 'vitest';
import { composeVariables, formatVariables, stringVariables } from './variables.js';

describe('config --variables', () => {
  it('finds plain, defaulted, required and alternate variables, nested defaults included', () => {
    const found = [...stringVariables('$A ${B:-x${C}} ${D:?need} ${E+alt} $$F').values()];
    expect(found).toEqual([
      { name: 'A', required: false },
      { name: 'B', required: false, defaultValue: 'x${C}' },
      { name: 'C', required: false },
      { name: 'D', required: true },
      { name: 'E', required: false, alternateValue: 'alt' },
    ]);
  });

  it('scans values only, never keys, and sorts by name', () => {
    const vars = composeVariables(['services:\n  web:\n    image: "${TAG:-latest}"\n    labels:\n      $KEY: "$VALUE"\n']);
    expect(vars.map((v) => v.name)).toEqual(['TAG', 'VALUE']);
  });

  it('prints an aligned table with a header', () => {
    expect(formatVariables([{ name: 'TAG', required: false, defaultValue: 'latest' }])).toBe(
      'NAME   REQUIRED   DEFAULT VALUE   ALTERNATE VALUE\nTAG    false      latest\n',
    );
  });
});
