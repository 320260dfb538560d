import { describe, expect, it } from 'vitest';
import { communityFromObject, communityToObject } from './convert';

describe('Community form conversion', () => {
  it('parses alias=value entries and round-trips', () => {
    const obj = communityToObject(
      { name: 'c', entries: ['no-advertise=65535:65282', ' ', 'big = large:1:2:3'] },
      'ns',
    );
    expect(obj.spec.communities).toEqual([
      { name: 'no-advertise', value: '65535:65282' },
      { name: 'big', value: 'large:1:2:3' },
    ]);
    expect(communityToObject(communityFromObject(obj), 'ns', obj)).toEqual(obj);
  });
});
