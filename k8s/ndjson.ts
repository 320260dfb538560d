// Newline-delimited JSON, as the apiserver streams watch events: one complete line at a time.

export async function* readLines(stream: AsyncIterable<unknown>): AsyncGenerator<string> {
  // A multi-byte character may be split across chunks: decode as a stream.
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield line;
    }
  }
  const rest = (buffer + decoder.decode()).trim();
  if (rest) yield rest;
}
