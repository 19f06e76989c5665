// The messages between TempoService (the caller's thread) and its worker.
// Everything in them is structured-clonable; tables travel in the transfer
// list, so they move between threads without being copied.
import type { EndgameDatabase, Move, Position, Progress, SearchOptions, SearchResult, WasmSource } from './engine.js';

/** The search options that can cross to a worker (no callbacks; the cancel
 * flag is the service's own). */
export type WorkerSearchOptions = Omit<SearchOptions, 'onProgress' | 'cancel' | 'egdb'>;

export type ToWorker =
  | { kind: 'init'; wasm: WasmSource | undefined; cancel: Int32Array | null }
  | { kind: 'egdb'; egdb: EndgameDatabase | null }
  | { kind: 'search'; id: number; position: Position | string; options: WorkerSearchOptions;
      table: ArrayBuffer | undefined; progress: boolean };

export interface ErrorInfo {
  readonly name: string;
  readonly status: number; // the library's status, -1 for a caller mistake, -2 for anything else
  readonly detail: string;
  readonly message: string;
}

/** A progress line, with the line's first move read in the worker (so a
 * terminated search still has a move to play). */
export interface WorkerProgress extends Progress {
  readonly move: Move | null;
}

export type FromWorker =
  | { kind: 'ready'; abiVersion: number }
  | { kind: 'init-failed'; error: ErrorInfo }
  | { kind: 'progress'; id: number; progress: WorkerProgress }
  | { kind: 'done'; id: number; result: SearchResult }
  | { kind: 'failed'; id: number; error: ErrorInfo; table: ArrayBuffer | undefined };
