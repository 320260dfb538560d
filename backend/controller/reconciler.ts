// The controller's top level: loads the configuration on every change (every replica, for the
// metrics), and while this replica leads, runs a LeadingSession and writes the ConfigurationState.
import type { ConfigurationState } from '../../api/types';
import type { Allocator } from './allocator/allocator';
import type { Pool } from './allocator/pool';
import { loadConfig } from './config-load';
import type { ConfigurationStateWriter } from '../../k8s/configuration-state';
import { LeadingSession, type SessionDeps } from './leading-session';
import { k8sClientMetrics } from './metrics';

const CONFIG_DEBOUNCE_MS = 50;
const CONFIG_STATE_RETRY_MS = 2000;

export interface ReconcilerDeps extends SessionDeps {
  namespace: string;
  configState: ConfigurationStateWriter;
}

export class Reconciler {
  private session: LeadingSession | undefined;
  private configTimer: NodeJS.Timeout | undefined;
  private configStateTimer: NodeJS.Timeout | undefined;
  /** The last configuration that loaded: a new session starts from it while the current one fails. */
  private lastGood: { pools: Pool[]; signature: string } | undefined;
  private lastErrors = '';
  private stopped = false;

  constructor(private readonly d: ReconcilerDeps) {}

  /** The allocator of the current leading session (tests, debugging). */
  get allocator(): Allocator | undefined {
    return this.session?.allocator;
  }

  /** Starts leading (caches must be synced). */
  lead(): void {
    if (this.stopped) return;
    void this.endSession();
    const s = new LeadingSession(this.d);
    this.session = s;
    s.start(() => this.applyConfig());
  }

  /** Stops leading: nothing queued or unwritten is sent any more. */
  follow(): void {
    void this.endSession();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.configTimer);
    await this.endSession();
  }

  /** Services are queued or being written: other writes (events) should make way. */
  busy(): boolean {
    const s = this.session;
    return !!s && (s.queue.length > 0 || s.writing > 0);
  }

  /** Resolves once the queue is drained and every write (status, events, pool status) is done. */
  async idle(): Promise<void> {
    const s = this.session;
    if (!s) return;
    await s.queue.idle();
    await this.d.poolStatus.flush();
    await this.d.recorder.flushed();
  }

  onService(key: string, deleted: boolean): void {
    this.session?.onService(key, deleted);
  }

  onConfigChange(): void {
    if (this.configTimer) return;
    this.configTimer = setTimeout(() => {
      this.configTimer = undefined;
      this.applyConfig();
    }, CONFIG_DEBOUNCE_MS);
  }

  /** Someone else changed or deleted our ConfigurationState: rewrite it if it is not ours. */
  onConfigStateChange(obj: ConfigurationState | undefined): void {
    if (!this.session || (obj && this.d.configState.isCurrent(obj.status))) return;
    this.d.configState.reset();
    this.onConfigChange();
  }

  /** Loads the configuration; a configuration with errors is not loaded (the last one stays). */
  applyConfig(): void {
    const { watches, namespace, settings, log } = this.d;
    if (!watches.isSynced()) return;
    const outcome = loadConfig(
      { pools: watches.pools(), communities: watches.communities(), namespaces: watches.namespaceList() },
      namespace,
      settings.bgpType,
    );
    if (outcome.ok) this.lastGood = outcome;
    k8sClientMetrics.configLoaded().set(this.lastGood ? 1 : 0);
    k8sClientMetrics.configStale().set(outcome.ok ? 0 : 1);
    const errors = outcome.ok ? '' : outcome.errors.join('\n');
    if (errors !== this.lastErrors) {
      this.lastErrors = errors;
      if (!outcome.ok)
        log.error({ errors: outcome.errors }, 'configuration not loaded; keeping the last good one');
      else log.info('configuration valid again');
    }
    const s = this.session;
    if (!s) return;
    this.writeConfigState(s, outcome.ok ? [] : outcome.errors);
    const config = this.lastGood;
    if (!s.canApplyPools || !config) return;
    const applied = s.applyPools(config.pools, config.signature);
    if (!applied) return;
    this.d.poolStatus.invalidate();
    for (const p of config.pools) this.d.poolStatus.mark(p.name);
    log.info(
      { pools: config.pools.map((p) => p.name), released: applied.released },
      applied.first ? 'configuration loaded' : 'configuration changed; reprocessing every Service',
    );
  }

  private async endSession(): Promise<void> {
    const s = this.session;
    if (!s) return;
    this.session = undefined;
    clearTimeout(this.configStateTimer);
    this.d.poolStatus.reset();
    this.d.recorder.discard();
    this.d.configState.reset();
    await s.end();
  }

  private writeConfigState(s: LeadingSession, errors: string[]): void {
    clearTimeout(this.configStateTimer);
    this.d.configState.write(errors).catch((err: Error) => {
      if (this.session !== s) return;
      this.d.log.warn({ err: err.message }, 'could not write ConfigurationState; retrying');
      this.configStateTimer = setTimeout(() => this.writeConfigState(s, errors), CONFIG_STATE_RETRY_MS);
    });
  }
}
