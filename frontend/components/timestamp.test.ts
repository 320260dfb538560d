import { describe, expect, it } from 'vitest';
import { shortTimestamp } from './timestamp';

describe('shortTimestamp', () => {
  it('formats in the page language, shorter than the RFC 3339 text', () => {
    const iso = '2026-12-04T23:05:00Z';
    const en = shortTimestamp(iso, 'en');
    expect(en).toMatch(/26/);
    expect(en.length).toBeLessThan(iso.length);
    expect(shortTimestamp(iso, 'ja')).toMatch(/2026/);
  });

  it('keeps what it cannot read, and shows a dash for nothing', () => {
    expect(shortTimestamp('yesterday', 'en')).toBe('yesterday');
    expect(shortTimestamp(undefined, 'en')).toBe('-');
    expect(shortTimestamp('2026-12-04T23:05:00Z', 'not a tag!')).toMatch(/26/);
  });
});
