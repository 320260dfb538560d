import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceFile } from './config-reference';

describe('docs/reference.md', () => {
  it('is generated from the CRD schemas (run npm run packaging when it differs)', () => {
    for (const [rel, content] of referenceFile())
      expect(readFileSync(join(import.meta.dirname, '..', '..', rel), 'utf8')).toBe(content);
  });

  it('lists every field with its type, default and limits', () => {
    const text = [...referenceFile().values()].join('');
    expect(text).toContain('| `spec.addresses` | string[] (required) |');
    expect(text).toMatch(/\| `spec\.autoAssign` \| boolean \| .*default `true` \|/);
    expect(text).toContain('### BGPPeer (`metallb.io/v1beta2`');
    expect(text).toContain('### MetalLB (`metallb.io/v1beta1`');
  });
});
