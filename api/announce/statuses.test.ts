import { describe, expect, it } from 'vitest';
import { answeringL2Statuses } from './statuses';

describe('answeringL2Statuses', () => {
  const desired = new Map([
    ['ns/a', { node: 'n1', serviceName: 'a', serviceNamespace: 'ns' }],
    ['ns/b', { node: 'n1', serviceName: 'b', serviceNamespace: 'ns', interfaces: [{ name: 'eth1' }] }],
    ['ns/c', { node: 'n1', serviceName: 'c', serviceNamespace: 'ns' }],
  ]);

  it('claims only Services with an answering interface, naming the interfaces that answer', () => {
    const answering = new Map([
      ['ns/a', ['eth0', 'eth1']],
      ['ns/b', []],
    ]);
    expect(answeringL2Statuses(desired, answering)).toEqual(
      new Map([
        [
          'ns/a',
          {
            node: 'n1',
            serviceName: 'a',
            serviceNamespace: 'ns',
            interfaces: [{ name: 'eth0' }, { name: 'eth1' }],
          },
        ],
      ]),
    );
  });

  it('claims nothing when nothing answers (no raw sockets, no usable interface)', () => {
    expect(answeringL2Statuses(desired, new Map()).size).toBe(0);
  });

  it("with a memo, gives the last pass's object while the same status answers on the same interfaces", () => {
    const memo = new WeakMap<object, object>();
    const first = answeringL2Statuses(desired, new Map([['ns/a', ['eth0']]]), memo).get('ns/a');
    expect(answeringL2Statuses(desired, new Map([['ns/a', ['eth0']]]), memo).get('ns/a')).toBe(first);
    const moved = answeringL2Statuses(desired, new Map([['ns/a', ['eth1']]]), memo).get('ns/a');
    expect(moved).not.toBe(first);
    expect(moved?.interfaces).toEqual([{ name: 'eth1' }]);
  });
});
