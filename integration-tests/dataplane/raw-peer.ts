// A fake router for error tests, run inside a namespace:
//   ip netns exec <ns> node --import tsx raw-peer.ts '{"host":"192.0.2.2","port":1179,"asn":64510,"routerId":"192.0.2.9"}'
// It accepts one connection, answers the speaker's OPEN with its own OPEN and a KEEPALIVE, and once
// the speaker's KEEPALIVE arrives (the session is Established) sends a message with a broken
// header marker. Every message received is printed as a JSON line; it exits when the speaker closes.
import net from 'node:net';
import { decodeMessage, encodeMessage } from '../../speaker/bgp/codec';
import { MessageFramer } from '../../speaker/bgp/framer';
import { buildOpen } from '../../speaker/bgp/negotiation';

const o = JSON.parse(process.argv[2] ?? '{}') as {
  host: string;
  port: number;
  asn: number;
  routerId: string;
};
const out = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);

const server = net.createServer((socket) => {
  server.close();
  const framer = new MessageFramer();
  let sentGarbage = false;
  socket.on('error', (err) => out({ type: 'error', message: err.message }));
  socket.on('close', () => {
    out({ type: 'closed' });
    process.exit(0);
  });
  socket.on('data', (chunk: Buffer) => {
    for (const f of framer.push(chunk)) {
      if (!f.ok) {
        out({ type: 'undecodable', reason: f.error.reason });
        continue;
      }
      const r = decodeMessage(f.message);
      if (!r.ok) {
        out({ type: 'undecodable', reason: r.error.reason });
        continue;
      }
      const m = r.message;
      out(
        m.type === 'notification'
          ? { type: 'notification', code: m.code, subcode: m.subcode }
          : { type: m.type },
      );
      if (m.type === 'open') {
        const open = buildOpen({
          localAsn: o.asn,
          routerId: o.routerId,
          peerAsn: 'external',
          holdTime: 90,
          connectRetryTime: 1,
          families: [4],
        });
        socket.write(encodeMessage(open));
        socket.write(encodeMessage({ type: 'keepalive' }));
      } else if (m.type === 'keepalive' && !sentGarbage) {
        sentGarbage = true;
        const bad = Buffer.from(encodeMessage({ type: 'keepalive' }));
        bad[3] = 0x00; // break the marker
        socket.write(bad);
        out({ type: 'sentGarbage' });
      }
    }
  });
});
server.listen(o.port, o.host, () => out({ type: 'listening' }));
