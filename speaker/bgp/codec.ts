// Whole BGP messages: the 19-octet header (RFC 4271 §4.1) around OPEN, UPDATE, NOTIFICATION,
// KEEPALIVE and ROUTE-REFRESH (RFC 2918). decodeMessage never throws: bad input yields the
// NOTIFICATION RFC 4271 §6 prescribes; UPDATE errors follow RFC 7606 (see update.ts).
import {
  ErrorCode,
  HEADER_LENGTH,
  HeaderSubcode,
  MARKER_LENGTH,
  MAX_MESSAGE_LENGTH,
  MessageType,
  MIN_LENGTH,
} from './constants';
import { ByteWriter, readU16, u16Bytes } from './bytes';
import { decodeError } from './notification';
import { decodeOpenBody, encodeOpenBody } from './open';
import { decodeUpdateBody, encodeUpdateBody } from './update';
import type { BgpMessage, CodecContext, DecodeError, DecodeResult } from './types';

export const DEFAULT_CONTEXT: CodecContext = { fourOctetAs: true };

function frame(type: number, body: Uint8Array): Uint8Array {
  const length = HEADER_LENGTH + body.length;
  if (length > MAX_MESSAGE_LENGTH)
    throw new Error(`BGP message of ${length} octets exceeds ${MAX_MESSAGE_LENGTH}`);
  const w = new ByteWriter();
  for (let i = 0; i < MARKER_LENGTH; i++) w.u8(0xff);
  return w.u16(length).u8(type).bytes(body).finish();
}

/** Encode one message. Throws on a model that cannot be encoded (a caller bug, never peer input). */
export function encodeMessage(m: BgpMessage, ctx: CodecContext = DEFAULT_CONTEXT): Uint8Array {
  switch (m.type) {
    case 'open':
      return frame(MessageType.Open, encodeOpenBody(m));
    case 'update':
      return frame(MessageType.Update, encodeUpdateBody(m, ctx));
    case 'notification':
      return frame(
        MessageType.Notification,
        new ByteWriter().u8(m.code).u8(m.subcode).bytes(m.data).finish(),
      );
    case 'keepalive':
      return frame(MessageType.Keepalive, new Uint8Array(0));
    case 'routeRefresh':
      return frame(MessageType.RouteRefresh, new ByteWriter().u16(m.afi).u8(m.subtype).u8(m.safi).finish());
  }
}

/**
 * Check a header (at least 19 octets): marker, length range, type, and the per-type length rules.
 * Returns the total message length or the header error.
 */
export function checkHeader(
  b: Uint8Array,
): { ok: true; length: number; type: number } | { ok: false; error: DecodeError } {
  for (let i = 0; i < MARKER_LENGTH; i++) {
    if (b[i] !== 0xff) {
      return {
        ok: false,
        error: decodeError(
          ErrorCode.MessageHeader,
          HeaderSubcode.ConnectionNotSynchronized,
          new Uint8Array(0),
          'bad marker',
        ),
      };
    }
  }
  const length = readU16(b, MARKER_LENGTH);
  const type = b[MARKER_LENGTH + 2] ?? 0;
  const badLength = (reason: string) => ({
    ok: false as const,
    error: decodeError(ErrorCode.MessageHeader, HeaderSubcode.BadMessageLength, u16Bytes(length), reason),
  });
  if (length < HEADER_LENGTH || length > MAX_MESSAGE_LENGTH) return badLength(`message length ${length}`);
  const min = MIN_LENGTH[type];
  if (min === undefined) {
    return {
      ok: false,
      error: decodeError(
        ErrorCode.MessageHeader,
        HeaderSubcode.BadMessageType,
        Uint8Array.of(type),
        `message type ${type}`,
      ),
    };
  }
  if (length < min) return badLength(`message type ${type} with length ${length}`);
  if ((type === MessageType.Keepalive || type === MessageType.RouteRefresh) && length !== min) {
    return badLength(`message type ${type} with length ${length}`);
  }
  return { ok: true, length, type };
}

/**
 * Decode exactly one message (`b` is the whole message, as the framer yields it). `ebgp` lets UPDATE
 * decoding discard a LOCAL_PREF from an external peer (RFC 7606 §7.5).
 */
export function decodeMessage(
  b: Uint8Array,
  ctx: CodecContext & { ebgp?: boolean } = DEFAULT_CONTEXT,
): DecodeResult {
  try {
    if (b.length < HEADER_LENGTH) {
      return {
        ok: false,
        error: decodeError(
          ErrorCode.MessageHeader,
          HeaderSubcode.BadMessageLength,
          u16Bytes(b.length),
          'short message',
        ),
      };
    }
    const h = checkHeader(b);
    if (!h.ok) return h;
    if (h.length !== b.length) {
      return {
        ok: false,
        error: decodeError(
          ErrorCode.MessageHeader,
          HeaderSubcode.BadMessageLength,
          u16Bytes(h.length),
          `length field ${h.length} but ${b.length} octets`,
        ),
      };
    }
    const body = b.subarray(HEADER_LENGTH);
    switch (h.type) {
      case MessageType.Open:
        return decodeOpenBody(body);
      case MessageType.Update:
        return decodeUpdateBody(body, ctx);
      case MessageType.Notification:
        return {
          ok: true,
          message: {
            type: 'notification',
            code: body[0] ?? 0,
            subcode: body[1] ?? 0,
            data: Uint8Array.from(body.subarray(2)),
          },
        };
      case MessageType.Keepalive:
        return { ok: true, message: { type: 'keepalive' } };
      default:
        return {
          ok: true,
          message: { type: 'routeRefresh', afi: readU16(body, 0), subtype: body[2] ?? 0, safi: body[3] ?? 0 },
        };
    }
  } catch (err) {
    // Defence in depth: a decoder bug must not take the speaker down; report it as unspecific.
    return {
      ok: false,
      error: decodeError(
        ErrorCode.MessageHeader,
        0,
        new Uint8Array(0),
        `decoder failure: ${(err as Error).message}`,
      ),
    };
  }
}
