// Gossip datagrams on the wire: version byte, 12-byte random nonce, AES-256-GCM ciphertext of the
// JSON message, 16-byte tag. The key comes from the memberlist Secret's bytes through HKDF, so a
// speaker of another cluster (another key) or a forged or damaged datagram fails authentication
// and is dropped. decode() never throws.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { parseMessage, type Message } from './messages';

export const VERSION = 1;
/** Datagrams above this are refused (a sync larger than it is split by the sender). */
export const MAX_DATAGRAM = 8192;
const NONCE = 12;
const TAG = 16;
const AAD = Buffer.from('metallb-memberlist');

export function deriveKey(secret: Uint8Array): Buffer {
  if (secret.length < 16) throw new Error('the memberlist key must have at least 16 bytes');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'metallb-memberlist', 32));
}

export function encode(key: Buffer, m: Message): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(m), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
}

export type Decoded =
  { ok: true; message: Message } | { ok: false; reason: 'size' | 'version' | 'auth' | 'format' };

export function decode(key: Buffer, data: Uint8Array): Decoded {
  if (data.length < 1 + NONCE + TAG + 2 || data.length > MAX_DATAGRAM) return { ok: false, reason: 'size' };
  if (data[0] !== VERSION) return { ok: false, reason: 'version' };
  let text: string;
  try {
    const nonce = data.subarray(1, 1 + NONCE);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(AAD);
    decipher.setAuthTag(data.subarray(data.length - TAG));
    text = Buffer.concat([
      decipher.update(data.subarray(1 + NONCE, data.length - TAG)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return { ok: false, reason: 'auth' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'format' };
  }
  const message = parseMessage(raw);
  return message ? { ok: true, message } : { ok: false, reason: 'format' };
}
