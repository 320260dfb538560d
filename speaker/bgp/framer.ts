// Cuts a TCP byte stream into whole BGP messages. Chunks may split a message anywhere or carry
// several. A header error (bad marker, impossible length, unknown type) desynchronises the stream:
// the framer reports it once and then stays failed, since nothing after it can be trusted.
import { HEADER_LENGTH } from './constants';
import { checkHeader } from './codec';
import type { DecodeError } from './types';

export type FrameResult = { ok: true; message: Uint8Array } | { ok: false; error: DecodeError };

export class MessageFramer {
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private failed = false;

  /** Bytes buffered and not yet part of a whole message. */
  get buffered(): number {
    return this.pendingLength;
  }

  /** Add a chunk; returns the whole messages (and at most one error, last) it completes. */
  push(chunk: Uint8Array): FrameResult[] {
    if (this.failed || chunk.length === 0) return [];
    this.pending.push(Uint8Array.from(chunk)); // the caller may reuse its buffer
    this.pendingLength += chunk.length;
    const out: FrameResult[] = [];
    let buf = this.flatten();
    let at = 0;
    while (buf.length - at >= HEADER_LENGTH) {
      const h = checkHeader(buf.subarray(at, at + HEADER_LENGTH));
      if (!h.ok) {
        this.failed = true;
        this.pending = [];
        this.pendingLength = 0;
        out.push(h);
        return out;
      }
      if (buf.length - at < h.length) break;
      out.push({ ok: true, message: buf.slice(at, at + h.length) });
      at += h.length;
    }
    buf = buf.subarray(at);
    this.pending = buf.length > 0 ? [buf] : [];
    this.pendingLength = buf.length;
    return out;
  }

  private flatten(): Uint8Array {
    if (this.pending.length === 1) return this.pending[0] ?? new Uint8Array(0);
    const out = new Uint8Array(this.pendingLength);
    let at = 0;
    for (const p of this.pending) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
