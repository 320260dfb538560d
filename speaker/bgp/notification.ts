// NOTIFICATION values and their names (RFC 4271 §4.5 and §6, RFC 4486, RFC 6608, RFC 7313, RFC 8538).
import { CeaseSubcode, ErrorCode } from './constants';
import type { DecodeError, NotificationData } from './types';

const EMPTY = new Uint8Array(0);

export function notification(code: number, subcode: number, data: Uint8Array = EMPTY): NotificationData {
  return { code, subcode, data };
}

export function decodeError(code: number, subcode: number, data: Uint8Array, reason: string): DecodeError {
  return { notification: notification(code, subcode, data), reason };
}

const CODE_NAMES: Record<number, string> = {
  1: 'Message Header Error',
  2: 'OPEN Message Error',
  3: 'UPDATE Message Error',
  4: 'Hold Timer Expired',
  5: 'Finite State Machine Error',
  6: 'Cease',
  7: 'ROUTE-REFRESH Message Error',
};

const SUBCODE_NAMES: Record<number, Record<number, string>> = {
  [ErrorCode.MessageHeader]: {
    1: 'Connection Not Synchronized',
    2: 'Bad Message Length',
    3: 'Bad Message Type',
  },
  [ErrorCode.OpenMessage]: {
    1: 'Unsupported Version Number',
    2: 'Bad Peer AS',
    3: 'Bad BGP Identifier',
    4: 'Unsupported Optional Parameter',
    6: 'Unacceptable Hold Time',
    7: 'Unsupported Capability',
  },
  [ErrorCode.UpdateMessage]: {
    1: 'Malformed Attribute List',
    2: 'Unrecognized Well-known Attribute',
    3: 'Missing Well-known Attribute',
    4: 'Attribute Flags Error',
    5: 'Attribute Length Error',
    6: 'Invalid ORIGIN Attribute',
    8: 'Invalid NEXT_HOP Attribute',
    9: 'Optional Attribute Error',
    10: 'Invalid Network Field',
    11: 'Malformed AS_PATH',
  },
  [ErrorCode.Fsm]: {
    1: 'Receive Unexpected Message in OpenSent State',
    2: 'Receive Unexpected Message in OpenConfirm State',
    3: 'Receive Unexpected Message in Established State',
  },
  [ErrorCode.Cease]: {
    1: 'Maximum Number of Prefixes Reached',
    2: 'Administrative Shutdown',
    3: 'Peer De-configured',
    4: 'Administrative Reset',
    5: 'Connection Rejected',
    6: 'Other Configuration Change',
    7: 'Connection Collision Resolution',
    8: 'Out of Resources',
    9: 'Hard Reset',
    10: 'BFD Down',
  },
  [ErrorCode.RouteRefresh]: { 1: 'Invalid Message Length' },
};

/**
 * Human-readable "code/subcode" text for logs, e.g. "Cease / Administrative Shutdown". A Hard
 * Reset names the NOTIFICATION it carries in its data (RFC 8538 §3.1).
 */
export function describeNotification(n: { code: number; subcode: number; data?: Uint8Array }): string {
  const code = CODE_NAMES[n.code] ?? `code ${n.code}`;
  const sub = SUBCODE_NAMES[n.code]?.[n.subcode] ?? (n.subcode === 0 ? 'Unspecific' : `subcode ${n.subcode}`);
  const d = n.data;
  if (n.code === ErrorCode.Cease && n.subcode === CeaseSubcode.HardReset && d && d.length >= 2) {
    return `${code} / ${sub} (${describeNotification({ code: d[0] ?? 0, subcode: d[1] ?? 0 })})`;
  }
  return `${code} / ${sub}`;
}
