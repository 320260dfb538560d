// core/v1 Events on Services, as client-go's recorder writes them: a repeat of the same event
// (same object, type, reason and message) bumps the count of the existing Event instead of adding
// one. Writes are asynchronous, bounded in flight and in backlog, and only while `allowed()`.
import { randomBytes } from 'node:crypto';
import type { Logger } from './log';
import { KUBE_KINDS, resourcePath } from '../api/kinds';
import type { ApiClient } from './api-client';
import { isStatus } from './errors';

export interface EventTarget {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
}

export interface RecordedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

const CACHE_SIZE = 4096;
const MAX_IN_FLIGHT = 8;
/** While Services wait for their IPs, events (informational) yield the apiserver to status writes. */
const MAX_IN_FLIGHT_BUSY = 1;
const BUSY_RECHECK_MS = 100;
const MAX_BACKLOG = 10_000;
const MAX_MESSAGE = 1024;
/** A repeated event updates its count at most this often (client-go aggregates similarly). */
const REPEAT_INTERVAL_MS = 10_000;

interface Entry {
  key: string;
  target: EventTarget;
  event: RecordedEvent;
  /** The Event object's name once created. */
  name?: string;
  /** Occurrences recorded, and as last written. */
  count: number;
  written: number;
  lastWrite: number;
  /** Queued or being written (a later occurrence rides along). */
  pending: boolean;
  timer?: NodeJS.Timeout;
}

export class EventRecorder {
  private readonly entries = new Map<string, Entry>();
  private backlog: Entry[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly component: string,
    private readonly instance: string,
    private readonly allowed: () => boolean,
    private readonly log: Logger,
    private readonly busy: () => boolean = () => false,
  ) {}

  record(target: EventTarget, e: RecordedEvent): void {
    const message = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE - 3)}...` : e.message;
    const key = [target.namespace, target.name, target.uid, e.type, e.reason, message].join('\u0000');
    let entry = this.entries.get(key);
    if (entry) {
      entry.count++;
      entry.target = target;
      this.entries.delete(key);
    } else {
      entry = { key, target, event: { ...e, message }, count: 1, written: 0, lastWrite: 0, pending: false };
    }
    this.entries.set(key, entry);
    if (this.entries.size > CACHE_SIZE) {
      const oldest = this.entries.values().next().value!;
      clearTimeout(oldest.timer);
      this.entries.delete(oldest.key);
    }
    this.schedule(entry);
  }

  /** Resolves once every event recorded so far was written once (repeats may still be pending). */
  flushed(): Promise<void> {
    if (this.inFlight === 0 && this.backlog.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops everything not written yet (leadership lost). */
  discard(): void {
    for (const e of this.entries.values()) clearTimeout(e.timer);
    this.entries.clear();
    this.backlog = [];
    this.pump();
  }

  private schedule(entry: Entry): void {
    if (entry.pending) return;
    entry.pending = true;
    const wait = entry.written > 0 ? entry.lastWrite + REPEAT_INTERVAL_MS - Date.now() : 0;
    const enqueue = () => {
      entry.timer = undefined;
      if (this.entries.get(entry.key) !== entry) return; // evicted or discarded
      if (this.backlog.length >= MAX_BACKLOG) this.backlog.shift()!.pending = false;
      this.backlog.push(entry);
      this.pump();
    };
    if (wait > 0) entry.timer = setTimeout(enqueue, wait);
    else enqueue();
  }

  private pump(): void {
    const limit = this.busy() ? MAX_IN_FLIGHT_BUSY : MAX_IN_FLIGHT;
    if (limit < MAX_IN_FLIGHT && this.backlog.length > 0 && !this.recheck) {
      this.recheck = setTimeout(() => {
        this.recheck = undefined;
        this.pump();
      }, BUSY_RECHECK_MS);
    }
    while (this.inFlight < limit && this.backlog.length > 0) {
      const entry = this.backlog.shift()!;
      this.inFlight++;
      void this.write(entry).finally(() => {
        this.inFlight--;
        entry.pending = false;
        if (entry.count > entry.written && this.entries.get(entry.key) === entry) this.schedule(entry);
        this.pump();
      });
    }
    if (this.inFlight === 0 && this.backlog.length === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private async write(entry: Entry): Promise<void> {
    if (!this.allowed()) {
      entry.written = entry.count; // not ours to write any more
      return;
    }
    const { target: t, event: e } = entry;
    const count = entry.count;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    try {
      if (entry.name) {
        try {
          await this.client.mergePatch(
            resourcePath(KUBE_KINDS.Event, { namespace: t.namespace, name: entry.name }),
            {
              count,
              lastTimestamp: now,
            },
          );
          this.wrote(entry, count);
          return;
        } catch (err) {
          if (!isStatus(err, 404)) throw err;
          entry.name = undefined; // expired meanwhile: create a new one
        }
      }
      const name = `${t.name}.${Date.now().toString(16)}${randomBytes(3).toString('hex')}`;
      await this.client.create(resourcePath(KUBE_KINDS.Event, { namespace: t.namespace }), {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: t.namespace },
        involvedObject: {
          kind: t.kind,
          apiVersion: t.apiVersion,
          namespace: t.namespace,
          name: t.name,
          uid: t.uid,
          resourceVersion: t.resourceVersion,
        },
        type: e.type,
        reason: e.reason,
        message: e.message,
        source: { component: this.component },
        reportingComponent: this.component,
        reportingInstance: this.instance,
        firstTimestamp: now,
        lastTimestamp: now,
        count,
      });
      entry.name = name;
      this.wrote(entry, count);
    } catch (err) {
      // Events are best effort, as in client-go; a deleted namespace or object is no error.
      entry.written = entry.count;
      if (!isStatus(err, 403, 404)) {
        this.log.warn({ err: (err as Error).message, reason: e.reason }, 'could not write event');
      }
    }
  }

  private wrote(entry: Entry, count: number): void {
    entry.written = count;
    entry.lastWrite = Date.now();
  }
}
