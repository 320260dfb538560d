import { describe, expect, it } from 'vitest';
import { readLines } from './ndjson';

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield p;
}

const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const l of it) out.push(l);
  return out;
};

describe('readLines', () => {
  it('yields whole lines across chunk boundaries, skipping blank ones, with a last unterminated line', async () => {
    expect(await collect(readLines(chunks('{"a":', '1}\n\n{"b"', ':2}\n{"c":3}')))).toEqual([
      '{"a":1}',
      '{"b":2}',
      '{"c":3}',
    ]);
  });

  it('keeps a multi-byte character split across two chunks intact', async () => {
    const bytes = new TextEncoder().encode('{"name":"日本"}\n');
    const cut = 10; // inside the first character's three bytes
    expect(await collect(readLines(chunks(bytes.slice(0, cut), bytes.slice(cut))))).toEqual([
      '{"name":"日本"}',
    ]);
  });
});
