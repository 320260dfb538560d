import { describe, expect, it } from 'vitest';
import { env, metallb, SEED_PLAIN } from '../test-fixtures';
import { controllerDeployment } from './controller-deployment';
import { services } from './services';

describe('Services', () => {
  const [controllerMon, speakerMon, webhook] = services(metallb(SEED_PLAIN), env);

  it('exposes controller and speaker metrics on 7472 through headless monitor services', () => {
    expect(controllerMon?.metadata?.name).toBe('controller-monitor-service');
    expect(speakerMon?.metadata?.name).toBe('speaker-monitor-service');
    for (const s of [controllerMon, speakerMon]) {
      expect(s?.spec?.clusterIP).toBe('None');
      expect(s?.spec?.ports).toEqual([
        { name: 'monitoring', port: 7472, targetPort: 'monitoring', protocol: 'TCP' },
      ]);
    }
    expect(speakerMon?.spec?.selector).toEqual({ app: 'metallb', component: 'speaker' });
  });

  it('routes metallb-webhook-service port 443 to the controller container port 9443', () => {
    expect(webhook?.metadata?.name).toBe('metallb-webhook-service');
    expect(webhook?.spec?.selector).toEqual({ app: 'metallb', component: 'controller' });
    const port = webhook?.spec?.ports?.[0];
    expect(port?.port).toBe(443);
    const target = controllerDeployment(
      metallb(SEED_PLAIN),
      env,
    ).spec?.template.spec?.containers[0]?.ports?.find((p) => p.name === port?.targetPort);
    expect(target?.containerPort).toBe(9443);
  });
});
