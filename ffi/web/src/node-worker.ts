// The worker for Node's worker_threads: the same serve() as the Web Worker,
// on parentPort (TempoService.node() starts it).
import { serve } from './worker.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface Port {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(event: 'message', handler: (message: unknown) => void): void;
}
const threads = (await import('node:worker_threads' as string)) as { parentPort: Port | null };
const port = threads.parentPort;
if (!port) throw new Error('node-worker.js runs only as a worker_threads Worker');
serve({
  postMessage: (message: FromWorker, transfer?: Transferable[]) => port.postMessage(message, transfer ?? []),
  onMessage: (handler) => port.on('message', (m) => handler(m as ToWorker)),
});
