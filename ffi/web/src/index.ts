// @tempo-draughts/web: Tempo in WebAssembly.
export * from './engine.js';
export { allLayouts, TABLE_DEFAULT_BYTES, TABLE_MIN_BYTES } from './layout.js';
export * from './service.js';
export * from './adapter.js';
export type { WorkerSearchOptions } from './protocol.js';
