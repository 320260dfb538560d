// The newest copy of an object: after our own write, the watch cache may still hold the version
// before it for a moment. Reconciling from that stale copy would redo the write (a finalizer
// patch that conflicts, conditions whose lastTransitionTime jumps). Remembers the response of
// each write until the cache has moved past every version we know to be older.

interface Versioned {
  metadata?: { uid?: string; resourceVersion?: string };
}

export class Freshest<T extends Versioned> {
  private readonly written = new Map<string, { older: Set<string>; obj: T }>();

  /** `before`: the copy the write was based on; `after`: what the API server returned. */
  record(before: T, after: T): void {
    const uid = after.metadata?.uid ?? before.metadata?.uid;
    if (!uid) return;
    const entry = this.written.get(uid) ?? { older: new Set<string>(), obj: after };
    const rv = before.metadata?.resourceVersion;
    if (rv) entry.older.add(rv);
    entry.obj = after;
    this.written.set(uid, entry);
  }

  /** `cached` unless it is a version older than one we wrote. */
  get(cached: T): T {
    const uid = cached.metadata?.uid;
    if (!uid) return cached;
    const entry = this.written.get(uid);
    if (!entry) return cached;
    const rv = cached.metadata?.resourceVersion;
    if (rv && entry.older.has(rv)) return entry.obj;
    this.written.delete(uid);
    return cached;
  }

  /** Forget objects that no longer exist. */
  retain(uids: Iterable<string>): void {
    const keep = new Set(uids);
    for (const uid of this.written.keys()) if (!keep.has(uid)) this.written.delete(uid);
  }
}
