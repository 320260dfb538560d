// BGPPeer holdTime / keepaliveTime / connectTime, read as Go durations with upstream's rules:
// only one of hold/keepalive set derives the other (keepalive = hold/3, hold = 3 x keepalive); the
// hold time, truncated to whole seconds, must be 0 or >= 3s; keepalive may not exceed hold.
import type { BGPPeerSpecV1beta2 } from '../types';
import { formatDuration, parseGoDuration, wholeSeconds } from './duration';
import type { FieldProblem } from './issues';

function parseField(value: string | undefined, field: string, problems: FieldProblem[]): number | undefined {
  if (value === undefined) return undefined;
  const ns = typeof value === 'string' ? parseGoDuration(value) : undefined;
  if (ns === undefined) {
    problems.push({
      field,
      detail: `invalid duration ${JSON.stringify(value)}: use Go duration syntax such as "90s" or "1m30s"`,
    });
    return undefined;
  }
  if (ns < 0) {
    problems.push({ field, detail: `duration ${JSON.stringify(value)} must not be negative` });
    return undefined;
  }
  return ns;
}

export function timerProblems(spec: Pick<BGPPeerSpecV1beta2, 'holdTime' | 'keepaliveTime' | 'connectTime'>) {
  const problems: FieldProblem[] = [];
  const q = JSON.stringify;
  const hold = parseField(spec.holdTime, 'spec.holdTime', problems);
  const keepalive = parseField(spec.keepaliveTime, 'spec.keepaliveTime', problems);
  const holdValid = spec.holdTime === undefined || hold !== undefined;
  const keepaliveValid = spec.keepaliveTime === undefined || keepalive !== undefined;
  if (holdValid && keepaliveValid && (hold !== undefined || keepalive !== undefined)) {
    const effHold = hold ?? keepalive! * 3;
    const effKeepalive = keepalive ?? hold! / 3;
    const rounded = wholeSeconds(effHold);
    if (rounded !== 0 && rounded < 3) {
      problems.push(
        hold !== undefined
          ? { field: 'spec.holdTime', detail: `invalid hold time ${q(spec.holdTime)}: must be 0 or >=3s` }
          : {
              field: 'spec.keepaliveTime',
              detail: `invalid hold time ${formatDuration(effHold)} (3 x keepaliveTime ${q(spec.keepaliveTime)}): must be 0 or >=3s`,
            },
      );
    } else if (effKeepalive > effHold) {
      problems.push({
        field: 'spec.keepaliveTime',
        detail: `invalid keepaliveTime ${q(spec.keepaliveTime)}, must be lower than holdTime ${q(spec.holdTime ?? formatDuration(effHold))}`,
      });
    }
  }
  const connect = parseField(spec.connectTime, 'spec.connectTime', problems);
  if (connect !== undefined) {
    if (connect % 1e9 !== 0) {
      problems.push({
        field: 'spec.connectTime',
        detail: `connect time ${q(spec.connectTime)} should contain a whole number of seconds`,
      });
    } else if (connect < 1e9 || connect > 65535e9) {
      problems.push({
        field: 'spec.connectTime',
        detail: `connect time ${q(spec.connectTime)} should be between 1 and 65535 seconds`,
      });
    }
  }
  return problems;
}
