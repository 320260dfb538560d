// Links in README.md and docs/*.md lead to files, and to headings, inside the repository: a user's
// clone (or the repository's web view) has nothing outside it, so no link may climb out with `../`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** Markdown without fenced code blocks and inline code spans, which hold no links. */
function prose(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's id for a heading: its text lower-cased, punctuation dropped, spaces to dashes. */
function headingId(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link keeps its text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The ids of a Markdown file's headings; repeated ones get -1, -2, ... as on GitHub. */
function headingIds(markdown: string): Set<string> {
  const withoutFences = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const id = headingId(text!);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    ids.add(n === 0 ? id : `${id}-${n}`);
  }
  return ids;
}

/** Link targets: inline links and images `[text](target "title")` and definitions `[ref]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map(
    (m) => m[1]!,
  );
  return [...inline, ...defined];
}

interface Repo {
  root: string;
  exists(path: string): boolean;
  read(path: string): string;
}

/** What is wrong with each relative link of `file` (a path inside `repo.root`); [] when nothing is. */
function brokenLinks(repo: Repo, file: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, ...: not a file
    const hashAt = target.indexOf('#');
    const path = decodeURIComponent(hashAt < 0 ? target : target.slice(0, hashAt));
    const hash = hashAt < 0 ? '' : decodeURIComponent(target.slice(hashAt + 1));
    const dest =
      path === '' ? file : path.startsWith('/') ? join(repo.root, path) : join(dirname(file), path);
    const rel = relative(repo.root, dest);
    if (rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith('/')) {
      problems.push(`${target}: leaves the repository`);
    } else if (!repo.exists(dest)) {
      problems.push(`${target}: no such file`);
    } else if (hash && dest.endsWith('.md') && !headingIds(repo.read(dest)).has(hash)) {
      problems.push(`${target}: no heading with that id in ${rel}`);
    }
  }
  return problems;
}

const disk: Repo = {
  root: ROOT,
  exists: (p) => existsSync(p),
  read: (p) => readFileSync(p, 'utf8'),
};

describe('documentation links', () => {
  it.each(FILES)('%s links only to files and headings inside the repository', (rel) => {
    const file = join(ROOT, rel);
    expect(brokenLinks(disk, file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('covers the README and every document in docs/', () => {
    expect(FILES).toContain('docs/install.md');
    expect(FILES.length).toBeGreaterThan(5);
  });
});

describe('the link checker itself', () => {
  it.each([
    ['B. With the CLI (OLM)', 'b-with-the-cli-olm'],
    ['ECMP and externalTrafficPolicy (T1-T4, X4)', 'ecmp-and-externaltrafficpolicy-t1-t4-x4'],
    ['Create the `MetalLB` resource', 'create-the-metallb-resource'],
    ['Logs, metrics and ports', 'logs-metrics-and-ports'],
    ['A [linked](x.md) heading', 'a-linked-heading'],
    ['snake_case stays', 'snake_case-stays'],
  ])('gives heading %j the id %j', (heading, id) => {
    expect(headingId(heading)).toBe(id);
  });

  it('numbers repeated headings and ignores headings inside code fences', () => {
    const ids = headingIds('# A\n## A\n```sh\n# not a heading\n```\n### B ##\n');
    expect([...ids]).toEqual(['a', 'a-1', 'b']);
  });

  it('finds inline links, images and definitions, but not links inside code', () => {
    const md = [
      'See [a](a.md#x "title"), ![img](img.png) and [ref][r].',
      '`[not](code.md)`',
      '```',
      '[not](fence.md)',
      '```',
      '[r]: <defined.md>',
    ].join('\n');
    expect(linkTargets(md)).toEqual(['a.md#x', 'img.png', 'defined.md']);
  });

  it('reports links that leave the repository, miss a file or miss a heading', () => {
    const files: Record<string, string> = {
      '/repo/README.md': '',
      '/repo/docs/a.md': '# Title\n## Section one\n',
    };
    const repo: Repo = { root: '/repo', exists: (p) => p in files, read: (p) => files[p]! };
    const md = [
      '[ok](a.md#section-one) [ok](../README.md) [ok](/docs/a.md) [ok](#title) [url](https://x.example/y)',
      '[out](../../shared/docs/requirements.md) [gone](b.md) [bad](a.md#section-two)',
    ].join('\n');
    expect(brokenLinks(repo, '/repo/docs/a.md', md)).toEqual([
      '../../shared/docs/requirements.md: leaves the repository',
      'b.md: no such file',
      'a.md#section-two: no heading with that id in docs/a.md',
    ]);
  });
});
