// Every watch of the page over one streaming request. A browser opens at most six HTTP/1.1
// connections per host, so one long-lived request per watch would starve the page's other
// requests; the console uses websockets instead. The hub sends the set of watches to the backend
// (POST /api/v1/watch) and reads back one NDJSON stream of `{id, event}` / `{id, end, code}`;
// when the set changes it reopens the stream, each watch resuming from its last resourceVersion.
import { authHeaders, notifyUnauthorized } from './auth';

export interface WatchHandlers {
  /** The watch's URL (with its current resourceVersion) each time the stream (re)opens. */
  url: () => string;
  event: (event: unknown) => void;
  /** The server ended this watch: `code` 410 asks for a relist; other codes are failures. */
  end: (code?: number, message?: string) => void;
}

interface StreamLine {
  id: number;
  event?: unknown;
  end?: boolean;
  code?: number;
  message?: string;
}

const REOPEN_DELAY_MS = 30;
const RETRY_MS = 1000;

export class WatchHub {
  private watches = new Map<number, WatchHandlers>();
  private nextId = 1;
  private current: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly endpoint = '/api/v1/watch') {}

  add(handlers: WatchHandlers): () => void {
    const id = this.nextId++;
    this.watches.set(id, handlers);
    this.schedule();
    return () => {
      if (this.watches.delete(id)) this.schedule();
    };
  }

  private schedule(delay = REOPEN_DELAY_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.open(), delay);
  }

  private async open() {
    this.current?.abort();
    if (this.watches.size === 0) return;
    const controller = new AbortController();
    this.current = controller;
    const body = { watches: [...this.watches].map(([id, w]) => ({ id, path: w.url() })) };
    try {
      const res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { ...authHeaders(), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      if (res.status === 401) notifyUnauthorized();
      if (!res.ok || !res.body) throw new Error(`watch stream: HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) this.dispatch(JSON.parse(line) as StreamLine);
        }
      }
      // The server closed the stream: reopen it for whatever is still watched.
      if (this.current === controller) this.schedule(RETRY_MS);
    } catch {
      if (controller.signal.aborted) return;
      if (this.current === controller) this.schedule(RETRY_MS);
    }
  }

  private dispatch(line: StreamLine) {
    const w = this.watches.get(line.id);
    if (!w) return;
    if (line.end) {
      this.watches.delete(line.id);
      w.end(line.code, line.message);
    } else if (line.event !== undefined) {
      w.event(line.event);
    }
  }
}

export const watchHub = new WatchHub();
