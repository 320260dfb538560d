// Every string the pages translate is in both catalogues, and nothing else is; translations keep
// the English text's placeholders.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('build/'))
    .map((f) => join(dir, f));
}

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const file of sources(join(ROOT, 'frontend'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]!.replace(/\\'/g, "'"));
  }
  const extensions = readFileSync(join(ROOT, 'console-extensions.json'), 'utf8');
  for (const m of extensions.matchAll(/%plugin__metallb-console-plugin~([^%]*)%/g)) keys.add(m[1]!);
  return [...keys].sort();
}

const catalogue = (lng: string) =>
  JSON.parse(
    readFileSync(join(ROOT, 'locales', lng, 'plugin__metallb-console-plugin.json'), 'utf8'),
  ) as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const keys = usedKeys();
  it('finds the strings', () => expect(keys.length).toBeGreaterThan(150));
  for (const lng of ['en', 'ja']) {
    it(`${lng} has exactly the used keys, each translated with the same placeholders`, () => {
      const cat = catalogue(lng);
      expect(Object.keys(cat).sort()).toEqual(keys);
      for (const k of keys) {
        expect(cat[k], k).toBeTruthy();
        expect(placeholders(cat[k]!), k).toEqual(placeholders(k));
      }
    });
  }
});
