// The worker side of TempoService: one Tempo (one wasm instance) per worker,
// one search at a time. Start it as a module Web Worker
// (`new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`);
// Node's worker_threads use node-worker.js, which adapts this same code.
import type { ErrorInfo, FromWorker, ToWorker } from './protocol.js';
import { Tempo, TempoError, type Position } from './engine.js';

/** The two ends a worker needs: Web Workers and Node's parentPort both fit. */
export interface Endpoint {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onMessage(handler: (message: ToWorker) => void): void;
}

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof TempoError) return { name: e.name, status: e.status, detail: e.detail, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { name: e instanceof Error ? e.name : 'Error', status: -2, detail: message, message };
}

/** Serves searches on `endpoint` until the worker ends. */
export function serve(endpoint: Endpoint): void {
  let tempo: Tempo | null = null;
  let cancel: Int32Array | null = null;
  let egdb: ArrayBuffer | Uint8Array | null = null;
  // Messages are handled strictly in order: the init is async (compiling the
  // wasm), everything after it waits for it.
  let queue: Promise<void> = Promise.resolve();

  const handle = async (m: ToWorker): Promise<void> => {
    switch (m.kind) {
      case 'init':
        try {
          tempo = await Tempo.load(m.wasm);
          cancel = m.cancel;
          endpoint.postMessage({ kind: 'ready', abiVersion: tempo.abiVersion });
        } catch (e) {
          endpoint.postMessage({ kind: 'init-failed', error: errorInfo(e) });
        }
        return;
      case 'egdb':
        egdb = m.egdb;
        return;
      case 'search': {
        const { id, table } = m;
        try {
          if (!tempo) throw new TempoError(-1, 'the worker has no Tempo: its init failed');
          const t = tempo;
          const position: Position | string = m.position;
          let searched: Position | null = null; // the position after the history, for progress moves
          const result = t.search(position, {
            ...m.options,
            ...(cancel ? { cancel } : {}),
            ...(egdb ? { egdb } : {}),
            ...(m.progress ? {
              onProgress: (p) => {
                let move = null;
                const first = p.pv.split(' ')[0];
                if (p.multipvIndex === 0 && first) {
                  try {
                    searched ??= t.gameStatus(position, m.options.history ?? []).position;
                    move = t.parseMove(searched, first);
                  } catch {
                    move = null;
                  }
                }
                endpoint.postMessage({ kind: 'progress', id, progress: { ...p, move } });
              },
            } : {}),
          }, table);
          // The table goes back in the transfer list: moved, not copied.
          endpoint.postMessage({ kind: 'done', id, result }, result.table ? [result.table] : []);
        } catch (e) {
          // Whatever went wrong, the caller's table goes back as it came.
          const back = table && table.byteLength > 0 ? table : undefined;
          endpoint.postMessage({ kind: 'failed', id, error: errorInfo(e), table: back }, back ? [back] : []);
        }
        return;
      }
    }
  };
  endpoint.onMessage((m) => {
    queue = queue.then(() => handle(m));
  });
}

// Started as a Web Worker: serve on `self`.
// (lib.dom and lib.webworker cannot both be in one program: the few members
// used here are declared.)
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
}
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined') {
  const scope = self as unknown as WorkerScope;
  serve({
    postMessage: (message, transfer) => scope.postMessage(message, transfer ?? []),
    onMessage: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
  });
}
