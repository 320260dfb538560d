// Links in the README and docs/ lead to files and headings inside the repository: a user's clone
// has nothing outside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  return new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]!)));
}

describe('documentation links', () => {
  it.each(FILES)('%s links only to files and headings inside the repository', (rel) => {
    const file = join(ROOT, rel);
    const text = readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue; // a URL
      const [path, hash] = target!.split('#') as [string, string | undefined];
      const dest = path ? join(dirname(file), path) : file;
      if (relative(ROOT, dest).startsWith('..')) broken.push(`${target}: outside the repository`);
      else if (!existsSync(dest)) broken.push(`${target}: no such file`);
      else if (hash && dest.endsWith('.md') && !anchors(dest).has(hash))
        broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
