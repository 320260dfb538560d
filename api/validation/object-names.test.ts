import { describe, expect, it } from 'vitest';
import { objectNameIssue } from './object-names';

describe('objectNameIssue: metadata.name is a DNS-1123 subdomain', () => {
  it.each([
    'web',
    'good-name',
    'a',
    '0',
    'pool.example.com',
    'a-b.c-d',
    'x'.repeat(253),
    `${'a'.repeat(63)}.b`,
  ])('%j is a valid name', (name) => expect(objectNameIssue('IPAddressPool', name)).toBeUndefined());

  it.each([
    'bad_name',
    'Web',
    '-web',
    'web-',
    'web.',
    '.web',
    'a..b',
    'a b',
    'pool/1',
    'ünï',
    'x'.repeat(254),
  ])('%j is refused at metadata.name', (name) => {
    const issue = objectNameIssue('IPAddressPool', name);
    expect(issue).toMatchObject({ kind: 'IPAddressPool', name, field: 'metadata.name' });
    expect(issue?.message).toMatch(/^IPAddressPool ".*" metadata\.name: invalid name/);
  });

  it('says what is allowed', () => {
    expect(objectNameIssue('BGPPeer', 'bad_name')?.message).toBe(
      `BGPPeer "bad_name" metadata.name: invalid name "bad_name": must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')`,
    );
    expect(objectNameIssue('BGPPeer', 'x'.repeat(300))?.message).toContain('no more than 253 characters');
  });

  it('leaves an empty name to the missing-name check', () => {
    expect(objectNameIssue('IPAddressPool', '')).toBeUndefined();
  });
});
