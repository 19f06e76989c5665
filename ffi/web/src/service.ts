// TempoService: searches on a worker (a Web Worker, or a Node worker_threads
// worker), one service per game, the web's version of the Dart TempoAi.
//
//  - The caller owns the table: an ArrayBuffer it passes to search() and gets
//    back in the answer. It moves to the worker and back in postMessage's
//    transfer list: no copy between the threads (the caller's buffer is
//    detached while the worker holds it).
//  - Strictly one search at a time: calls queue in order.
//  - Stopping a search. A wasm search blocks its worker's event loop, so no
//    message reaches it. Where SharedArrayBuffer exists (a cross-origin
//    isolated page, Node), the service owns a shared Int32 flag that the
//    worker's search sees within 256 nodes: moveNow() answers with the best
//    move so far and the table comes back. Elsewhere the only way to stop the
//    search is to terminate the worker, which destroys the table in it: so in
//    that mode the worker gets a copy of the table (the caller keeps its own)
//    and a terminated search answers with the best move of its last completed
//    iteration and the caller's table as it was before the search.
//  - Pondering needs the flag (a ponder stopped by terminating its worker
//    would throw away what it found), so it exists in the first mode only.
import type { FromWorker, ToWorker, WorkerProgress, WorkerSearchOptions } from './protocol.js';
import {
  Tempo, TempoError, type EndgameDatabase, type Move, type Position, type Progress, type SearchResult,
  type WasmSource,
} from './engine.js';

/** A worker as the service drives it (see browserWorker / nodeWorker). */
export interface WorkerHandle {
  post(message: ToWorker, transfer: Transferable[]): void;
  onMessage(handler: (message: FromWorker) => void): void;
  onError(handler: (error: unknown) => void): void;
  terminate(): void;
}

/** A module Web Worker running worker.js (default: next to this file). */
export function browserWorker(url: URL | string = new URL('./worker.js', import.meta.url)): () => WorkerHandle {
  return () => {
    const w = new Worker(url, { type: 'module' });
    return {
      post: (m, t) => w.postMessage(m, t),
      onMessage: (h) => w.addEventListener('message', (e: MessageEvent<FromWorker>) => h(e.data)),
      onError: (h) => w.addEventListener('error', (e) => h(e.message ? new Error(e.message) : e)),
      terminate: () => w.terminate(),
    };
  };
}

interface NodeWorker {
  postMessage(m: unknown, t?: readonly unknown[]): void;
  on(event: string, h: (v: unknown) => void): void;
  terminate(): Promise<number>;
  unref(): void;
}

/** A Node worker_threads worker running node-worker.js. */
export async function nodeWorker(url: URL | string = new URL('./node-worker.js', import.meta.url)):
    Promise<() => WorkerHandle> {
  const threads = (await import('node:worker_threads' as string)) as {
    Worker: new (url: URL | string) => NodeWorker;
  };
  return () => {
    const w = new threads.Worker(url);
    return {
      post: (m, t) => w.postMessage(m, t),
      onMessage: (h) => w.on('message', (m) => h(m as FromWorker)),
      onError: (h) => w.on('error', h),
      terminate: () => void w.terminate(),
    };
  };
}

export type SearchStatus = 'complete' | 'cancelled' | 'stale';

/** A search's answer through the service. */
export interface ServiceResult extends SearchResult {
  /** complete: ran to its limits. cancelled: moveNow() stopped it; the move
   * is the best so far, play it. stale: cancel() came after the call; do not
   * play it (move is null if it never started). */
  readonly status: SearchStatus;
}

export interface ServiceSearchOptions extends WorkerSearchOptions {
  onProgress?: (progress: Progress) => void;
}

export interface PonderResult {
  readonly searched: boolean; // false: stopped while still queued
  readonly depth: number;
  readonly nodes: number;
  readonly table: ArrayBuffer | undefined;
}

export interface ServiceOptions {
  /** Starts the worker: browserWorker() (default) or await nodeWorker(). */
  worker?: () => WorkerHandle;
  /** tempo.wasm for the worker: bytes, a compiled WebAssembly.Module (compile
   * once, start many workers), or a URL (default: next to tempo.js). */
  wasm?: WasmSource;
  /** 'flag': a SharedArrayBuffer flag stops searches, tables move with zero
   * copies. 'terminate': the worker is terminated, the worker searches a copy.
   * Default: 'flag' where SharedArrayBuffer can be used. */
  stopBy?: 'flag' | 'terminate';
}

type Kind = 'search' | 'ponder';

interface Job {
  readonly id: number;
  readonly kind: Kind;
  readonly position: Position | string;
  readonly options: WorkerSearchOptions;
  readonly table: ArrayBuffer | undefined; // the caller's
  readonly onProgress: ((p: Progress) => void) | undefined;
  readonly resolve: (r: ServiceResult) => void;
  readonly reject: (e: unknown) => void;
  stale: boolean;
  last: WorkerProgress | null; // the last best-line progress
  started: number;
}

/** Whether a SharedArrayBuffer flag can stop a search here. */
export function canStopByFlag(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && g.crossOriginIsolated !== false;
}

export class TempoService {
  readonly stopBy: 'flag' | 'terminate';
  private readonly spawn: () => WorkerHandle;
  private readonly wasm: WasmSource | undefined;
  private readonly flag: Int32Array | null;
  private worker!: WorkerHandle;
  private ready!: Promise<void>;
  private isReady = false; // the worker has loaded tempo.wasm
  private egdb: EndgameDatabase | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;
  private closed = false;

  constructor(options: ServiceOptions = {}) {
    this.spawn = options.worker ?? browserWorker();
    this.wasm = options.wasm;
    this.stopBy = options.stopBy ?? (canStopByFlag() ? 'flag' : 'terminate');
    this.flag = this.stopBy === 'flag' ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.start();
  }

  /** A service on a Node worker_threads worker. */
  static async node(options: Omit<ServiceOptions, 'worker'> = {}): Promise<TempoService> {
    const service = new TempoService({ ...options, worker: await nodeWorker() });
    await service.ready;
    return service;
  }

  /** Resolves once the worker has loaded tempo.wasm (rejects if it cannot). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private start(): void {
    const w = this.spawn();
    this.worker = w;
    this.isReady = false;
    this.ready = new Promise<void>((resolve, reject) => {
      w.onMessage((m) => {
        if (w !== this.worker) return; // a terminated worker's last words
        if (m.kind === 'ready') {
          this.isReady = true;
          resolve();
        } else if (m.kind === 'init-failed') reject(new TempoError(m.error.status, m.error.detail));
        else this.onReply(m);
      });
      w.onError((e) => {
        if (w !== this.worker) return;
        reject(e);
        this.workerDied(e);
      });
    });
    this.ready.catch(() => {}); // reported to the calls that wait for it
    w.post({ kind: 'init', wasm: this.wasm, cancel: this.flag }, []);
    if (this.egdb) w.post({ kind: 'egdb', egdb: this.egdb }, []);
  }

  /** The endgame database (the bytes of a `tempo egdb build` file, fetched as
   * an ArrayBuffer) every later search uses, or null for none. The worker
   * gets a structured clone (one copy, once); the search copies it into wasm
   * memory once and keeps it there while it stays the same. */
  setEndgameDatabase(egdb: EndgameDatabase | null): void {
    this.checkOpen();
    this.egdb = egdb;
    this.worker.post({ kind: 'egdb', egdb }, []);
  }

  /** Finds a move for the position reached from `position` after
   * options.history. `table` (the caller's ArrayBuffer) is handed back in the
   * answer; in 'flag' mode it is detached until then. A bad argument rejects
   * with a TempoError whose `table` property is the caller's table, intact. */
  search(position: Position | string, options: ServiceSearchOptions = {}, table?: ArrayBuffer): Promise<ServiceResult> {
    this.stopPondering();
    return this.enqueue('search', position, options, table);
  }

  /** Searches `position` (usually the one the opponent must move from) until
   * stop(), cancel() or the next search(), filling the table the next search
   * reuses. Give the level and params the next search will use. Only in
   * 'flag' mode. */
  async ponder(position: Position | string, options: ServiceSearchOptions = {}, table?: ArrayBuffer):
      Promise<PonderResult> {
    if (this.stopBy !== 'flag') {
      throw new TempoError(-1, 'ponder: a ponder can only be stopped through a SharedArrayBuffer flag, ' +
        'which needs a cross-origin isolated page; without it, ponder is not available');
    }
    this.stopPondering();
    const r = await this.enqueue('ponder', position, { ...options, infinite: true }, table);
    return { searched: r.status !== 'stale' || r.nodes > 0, depth: r.depth, nodes: r.nodes, table: r.table };
  }

  /** Ends pondering: a running ponder stops now, a queued one never starts. */
  stop(): void {
    this.stopPondering();
  }

  /** Stops the running search now: it answers with the best move so far
   * (status 'cancelled'). Queued calls are not touched. */
  moveNow(): void {
    const job = this.running;
    if (!job || job.kind !== 'search') return;
    if (this.flag) Atomics.store(this.flag, 0, 1);
    else this.terminateRunning('cancelled');
  }

  /** Stops the running call and every queued one: they answer 'stale' with
   * their tables (the person moved, a new game began). */
  cancel(): void {
    for (const job of this.queue.splice(0)) this.finishUnsearched(job);
    const job = this.running;
    if (!job) return;
    job.stale = true;
    if (this.flag) Atomics.store(this.flag, 0, 1);
    else this.terminateRunning('stale');
  }

  /** Cancels everything and ends the worker. */
  close(): void {
    if (this.closed) return;
    this.cancel();
    if (this.running) this.terminateRunning('stale');
    this.closed = true;
    this.worker.terminate();
  }

  private checkOpen(): void {
    if (this.closed) throw new TempoError(-1, 'the TempoService is closed');
  }

  private stopPondering(): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i]!;
      if (job.kind === 'ponder') {
        this.queue.splice(i, 1);
        this.finishUnsearched(job);
      }
    }
    if (this.running?.kind === 'ponder' && this.flag) Atomics.store(this.flag, 0, 1);
  }

  private enqueue(kind: Kind, position: Position | string, options: ServiceSearchOptions,
      table: ArrayBuffer | undefined): Promise<ServiceResult> {
    try {
      this.checkOpen();
      if (table !== undefined) Tempo.checkTable(table); // detached, too small: the caller's mistake, said now
    } catch (e) {
      return Promise.reject(e);
    }
    const { onProgress, ...rest } = options;
    return new Promise<ServiceResult>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++, kind, position, options: rest, table, onProgress, resolve, reject,
        stale: false, last: null, started: 0,
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    if (this.flag) Atomics.store(this.flag, 0, 0);
    job.started = Date.now();
    // 'flag': the caller's table itself moves to the worker (detached here).
    // 'terminate': a copy does, so that terminating the worker loses nothing
    // the caller holds.
    const sent = job.table && !this.flag ? job.table.slice(0) : job.table;
    const post = () => {
      if (this.running !== job) return;
      this.worker.post({
        kind: 'search', id: job.id, position: job.position, options: job.options, table: sent,
        progress: job.onProgress !== undefined || !this.flag,
      }, sent ? [sent] : []);
    };
    // Posted now when the worker is ready (the caller's table is detached
    // when search() returns), else once it is.
    if (this.isReady) post();
    else this.ready.then(post, (e: unknown) => this.fail(job, e, job.table));
  }

  private onReply(m: FromWorker): void {
    const job = this.running;
    if (!job || !('id' in m) || m.id !== job.id) return;
    if (m.kind === 'progress') {
      if (m.progress.multipvIndex === 0) job.last = m.progress;
      if (!job.stale && job.onProgress) {
        const { move: _move, ...progress } = m.progress;
        job.onProgress(progress);
      }
      return;
    }
    this.running = null;
    if (m.kind === 'done') {
      const r = m.result;
      const status: SearchStatus = job.stale ? 'stale' : r.cancelled ? 'cancelled' : 'complete';
      // 'terminate' mode: the worker's copy is the table now; the caller's
      // old one is simply dropped.
      job.resolve({ ...r, status });
    } else if (m.kind === 'failed') {
      this.fail(job, new TempoError(m.error.status, m.error.detail), this.flag ? m.table : job.table);
    }
    this.pump();
  }

  private fail(job: Job, e: unknown, table: ArrayBuffer | undefined): void {
    if (this.running === job) this.running = null;
    const error = e instanceof TempoError ? e : new TempoError(-2, e instanceof Error ? e.message : String(e));
    (error as TempoError & { table?: ArrayBuffer }).table = table;
    job.reject(error);
  }

  private finishUnsearched(job: Job): void {
    job.resolve({
      move: null, score: 0, scoreText: '', depth: 0, seldepth: 0, nodes: 0, timeMs: 0, pv: '', multipv: [],
      cancelled: false, blunder: false, tableStatus: 0, tableReason: 0, table: job.table, status: 'stale',
    });
  }

  // 'terminate' mode: ends the worker under the running search, answers from
  // its last completed iteration with the caller's own table, starts a new
  // worker for the calls after it.
  private terminateRunning(status: SearchStatus): void {
    const job = this.running;
    if (!job) return;
    this.running = null;
    this.worker.terminate();
    const last = job.last;
    const move: Move | null = status === 'stale' ? null : last?.move ?? null;
    job.resolve({
      move, score: last?.score ?? 0, scoreText: '', depth: last?.depth ?? 0, seldepth: last?.seldepth ?? 0,
      nodes: last?.nodes ?? 0, timeMs: Date.now() - job.started, pv: last?.pv ?? '', multipv: [],
      cancelled: true, blunder: false, tableStatus: 0, tableReason: 0, table: job.table, status,
    });
    if (!this.closed) {
      this.start();
      this.pump();
    }
  }

  private workerDied(e: unknown): void {
    const job = this.running;
    if (job) this.fail(job, e, this.flag ? undefined : job.table);
    this.running = null;
    for (const j of this.queue.splice(0)) this.fail(j, e, j.table);
  }
}
