import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { env, metallb, SEED_PLAIN } from '../test-fixtures';
import { DEFAULT_EXCLUDED_L2_INTERFACES } from '../../../api/operand';
import { excludeL2ConfigMap, memberlistSecret } from './speaker-config';

describe('speaker configuration objects', () => {
  it('stores the given memberlist key under secretkey in metallb-memberlist', () => {
    const s = memberlistSecret(metallb(SEED_PLAIN), env);
    expect(s?.metadata?.name).toBe('metallb-memberlist');
    expect(s?.data).toEqual({ secretkey: env.memberlistSecretKey });
  });

  it('renders no memberlist Secret without a key: generating one is the caller’s job', () => {
    expect(memberlistSecret(metallb(SEED_PLAIN), { ...env, memberlistSecretKey: undefined })).toBeUndefined();
  });

  it('lists upstream’s default excluded interfaces in metallb-excludel2', () => {
    const cm = excludeL2ConfigMap(metallb(SEED_PLAIN), env);
    expect(cm.metadata?.name).toBe('metallb-excludel2');
    const doc = parse(cm.data?.['excludel2.yaml'] ?? '') as { announcedInterfacesToExclude: string[] };
    expect(doc.announcedInterfacesToExclude).toEqual(DEFAULT_EXCLUDED_L2_INTERFACES);
    expect(doc.announcedInterfacesToExclude).toEqual(
      expect.arrayContaining(['^lo$', '^veth.*', '^docker.*']),
    );
  });
});
