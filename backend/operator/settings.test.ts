import { describe, expect, it } from 'vitest';
import { ENV_VARS, operatorSettings } from './settings';

describe('operatorSettings', () => {
  it('defaults images to the operator version', () => {
    const s = operatorSettings({});
    expect(s.version).toBe('0.1.0');
    expect(s.controllerImage).toBe('quay.io/metallb-ts/backend:v0.1.0');
    expect(s.speakerImage).toBe('quay.io/metallb-ts/speaker:v0.1.0');
    expect(s.consolePluginImage).toBeUndefined();
    expect(s.discoveryIntervalMs).toBe(30_000);
    expect(s.progressDeadlineSeconds).toBeUndefined();
  });

  it('takes images, version and timings from the environment', () => {
    const s = operatorSettings({
      [ENV_VARS.controllerImage]: 'registry.example/c:1',
      [ENV_VARS.speakerImage]: 'registry.example/s:1',
      [ENV_VARS.consolePluginImage]: 'registry.example/p:1',
      [ENV_VARS.version]: '4.17.0',
      [ENV_VARS.discoveryIntervalMs]: '500',
      [ENV_VARS.progressDeadlineSeconds]: '120',
    });
    expect(s).toMatchObject({
      controllerImage: 'registry.example/c:1',
      speakerImage: 'registry.example/s:1',
      consolePluginImage: 'registry.example/p:1',
      version: '4.17.0',
      discoveryIntervalMs: 500,
      progressDeadlineSeconds: 120,
    });
    expect(operatorSettings({ [ENV_VARS.version]: 'v2.0.0' }).speakerImage).toBe(
      'quay.io/metallb-ts/speaker:v2.0.0',
    );
  });

  it('refuses a timing that is not a positive number', () => {
    expect(() => operatorSettings({ [ENV_VARS.resyncIntervalMs]: 'soon' })).toThrow(/positive number/);
    expect(() => operatorSettings({ [ENV_VARS.discoveryIntervalMs]: '0' })).toThrow(/positive number/);
  });
});
