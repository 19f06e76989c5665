// Tempo: the C ABI of tempo.wasm from TypeScript, synchronously, on whatever
// thread loads it (a Web Worker, a Node worker_threads worker, or a page for
// short calls). Positions and moves are the C ABI's: FMJD squares 1..50,
// piece codes 0..4, side 0 (White) or 1 (Black); every call copies its
// inputs into wasm memory and its outputs out, so nothing here holds a
// pointer between calls, like the C ABI itself.
import {
  FEN_TEXT, MAX_CAPTURES, MAX_MOVES, MOVE_TEXT, PV_TEXT, SCORE_TEXT, TABLE_MIN_BYTES,
  egdbInfoLayout, gameStateLayout, moveLayout, positionLayout, progressLayout, searchRequestLayout,
  searchResultLayout, tableInfoLayout, type StructLayout,
} from './layout.js';

export const WHITE = 0;
export const BLACK = 1;
export type Side = typeof WHITE | typeof BLACK;

/** Piece codes, the same as the C ABI's (and the game server's int[51]). */
export const EMPTY = 0;
export const WHITE_MAN = 1;
export const BLACK_MAN = 2;
export const WHITE_KING = 3;
export const BLACK_KING = 4;

/** A position: piece code per FMJD square (index 0 unused) and the side to move. */
export interface Position {
  readonly side: Side;
  readonly squares: Uint8Array; // 51 entries
}

/** A legal move, FMJD squares. A move is (from, to, captured set); path and
 * capturedInOrder give one route jump by jump, for animation. */
export interface Move {
  readonly from: number;
  readonly to: number;
  readonly captured: readonly number[]; // increasing
  readonly path: readonly number[]; // from, each landing square, to
  readonly capturedInOrder: readonly number[]; // the piece each jump takes
}

/** A move as a caller names one: only from, to and the captured set count. */
export interface MoveKey {
  readonly from: number;
  readonly to: number;
  readonly captured?: readonly number[];
}

export type Level = 'easy' | 'medium' | 'hard' | 'expert';
export const LEVELS: readonly Level[] = ['easy', 'medium', 'hard', 'expert'];

/** The level's parameters one by one (the C ABI's TEMPO_OVERRIDE_*): an
 * absent field keeps the level's value. Ranges are the engine's. `strength`
 * sets the strength ladder's parameters together (maxDepth, maxNodes,
 * evalNoise, the blunder parameters, captureHorizon, featureScale) and applies
 * first: any of them given as well keeps its own value. */
export interface Params {
  maxDepth?: number; // 1..127 plies
  timeLimitMs?: number; // 0..86400000 ms per move, 0 = none
  evalNoise?: number; // 0..10000, 100 = a man
  blunderProbability?: number; // 0..1
  blunderMargin?: number; // 0..10000
  featureScale?: number; // 0..4, 0 = material only
  useTable?: boolean;
  useKillers?: boolean;
  /** Must be 1 (or absent): this WebAssembly build is single-threaded. */
  threads?: number;
  freshTable?: boolean; // clear the table first
  maxNodes?: number; // 0..1000000000 nodes per move, 0 = none: the same play on any device
  blunderDepth?: number; // 0..16 plies a blunder is looked at, 0 = static score
  captureHorizon?: number; // 0..127 captures followed past the depth
  strength?: number; // 400..3000 Elo-like; at or above Expert's: full strength
  book?: boolean; // play the compiled-in opening book's moves at once (Expert: on)
  bookVariety?: number; // 0..100: seeded pick among book moves within this of the best (Expert: 10)
}

export interface Progress {
  readonly depth: number;
  readonly seldepth: number;
  readonly score: number;
  readonly nodes: number;
  readonly timeMs: number;
  readonly multipvIndex: number;
  readonly pv: string; // PDN moves, FMJD numbering
}

export interface SearchOptions {
  level?: Level; // default 'hard'
  /** Moves played from `position` to the position searched, in order: the
   * search sees repetitions and the draw counters through them. */
  history?: readonly MoveKey[];
  depth?: number; // plies, 1..127
  movetime?: number; // ms, 1..86400000
  nodes?: number; // 1..2^50
  timeLeft?: number; // ms on the side to move's clock
  increment?: number; // ms
  movesToGo?: number;
  /** Search until `cancel` is set, with no depth, node or time limit; needs
   * `cancel`. (In this build it returns, having searched to the deepest
   * depth, if that comes first: see README.) */
  infinite?: boolean;
  seed?: number; // all randomness (noise, blunders) comes from it
  multipv?: number; // 1..32
  params?: Params;
  /** The endgame database (bytes of a `tempo egdb build` file), or none. */
  egdb?: EndgameDatabase;
  onProgress?: (progress: Progress) => void;
  /** A table buffer holding neither zeros nor a Tempo table (bad magic, a
   * damaged header) is refused with a TempoError, since it is most likely the
   * wrong buffer; true searches it as an empty table instead, as the C ABI
   * does. */
  resetForeignTable?: boolean;
  /** A cancel flag: element 0 of an Int32Array over a SharedArrayBuffer.
   * Storing non-zero there from another thread (Atomics.store) ends the
   * search promptly with the best move so far. */
  cancel?: Int32Array;
}

export interface ScoredMove {
  readonly move: Move;
  readonly score: number;
  readonly pv: string;
}

export interface SearchResult {
  /** Null when the side to move has no legal move (it has lost). */
  readonly move: Move | null;
  readonly score: number; // side to move's view, 100 = one man
  readonly scoreText: string; // "+0.25", "+99.93" (a win in 7 plies)
  readonly depth: number;
  readonly seldepth: number;
  readonly nodes: number;
  readonly timeMs: number;
  readonly pv: string; // PDN, FMJD numbering
  readonly multipv: readonly ScoredMove[];
  readonly cancelled: boolean;
  readonly blunder: boolean; // the level chose a deliberately weaker move
  readonly tableStatus: number; // TABLE_REUSED, TABLE_FRESH, TABLE_RESET
  readonly tableReason: number; // TABLE_REASON_* when reset
  /** The caller's table, the same ArrayBuffer, holding what this search left
   * (undefined when none was given). */
  readonly table: ArrayBuffer | undefined;
}

export const TABLE_REUSED = 0;
export const TABLE_FRESH = 1;
export const TABLE_RESET = 2;

export interface TableInfo {
  readonly formatVersion: number;
  readonly generation: number;
  readonly status: number; // TABLE_*
  readonly reason: number;
  readonly bytes: number;
  readonly entries: number;
  readonly fill: number;
}

export interface GameState {
  readonly result: 'ongoing' | 'white-wins' | 'black-wins' | 'draw';
  readonly drawRule: 'none' | 'repetition' | '25-moves' | '16-moves' | '5-moves';
  readonly sideToMove: Side;
  readonly plies: number;
  readonly legalMoves: number;
  readonly kingPlies: number;
  readonly endgamePlies: number;
  readonly repetitions: number;
  readonly position: Position;
}

export type EndgameDatabase = ArrayBuffer | Uint8Array;

export interface EgdbInfo {
  readonly status: number; // TEMPO_EGDB_*: 0 ok
  readonly maxPieces: number;
  readonly slices: number;
  readonly bytes: number;
}

const STATUS_NAMES = [
  'TEMPO_OK', 'TEMPO_ERR_NULL_POINTER', 'TEMPO_ERR_STRUCT_SIZE', 'TEMPO_ERR_MISALIGNED',
  'TEMPO_ERR_BUFFER_TOO_SMALL', 'TEMPO_ERR_INVALID_ARGUMENT', 'TEMPO_ERR_INVALID_POSITION', 'TEMPO_ERR_PARSE',
  'TEMPO_ERR_ILLEGAL_MOVE', 'TEMPO_ERR_AMBIGUOUS_MOVE', 'TEMPO_ERR_TABLE', 'TEMPO_ERR_INTERNAL',
];

/** A failure of the library (its status code and what it said was wrong), or
 * of the caller's arguments before they reached it (status -1). */
export class TempoError extends Error {
  readonly status: number;
  readonly detail: string;
  constructor(status: number, detail: string) {
    const name = status >= 0 ? (STATUS_NAMES[status] ?? `status ${status}`) : 'bad argument';
    super(`${name}: ${detail}`);
    this.name = 'TempoError';
    this.status = status;
    this.detail = detail;
  }
}

/** How the caller gives tempo.wasm: its bytes, a compiled module, or a URL to
 * fetch (default: tempo.wasm next to this file). */
export type WasmSource = ArrayBuffer | Uint8Array | WebAssembly.Module | URL | string;

// What the Emscripten loader (tempo.js, MODULARIZE + EXPORT_ES6) gives.
interface EmscriptenModule {
  [name: string]: unknown;
  addFunction(fn: (...args: number[]) => void, signature: string): number;
  removeFunction(index: number): void;
}
type Factory = (options: Record<string, unknown>) => Promise<EmscriptenModule>;
type CFunction = (...args: number[]) => number;

const ERROR_TEXT = 512;

export class Tempo {
  private readonly m: EmscriptenModule;
  private readonly memory: WebAssembly.Memory;
  private readonly fn: (name: string) => CFunction;
  // The wasm-side copy of the caller's table during a search: kept between
  // searches (allocated once per size), so a move costs no allocation.
  private tablePtr = 0;
  private tableLen = 0;
  // The caller's cancel flag and the C flag it is copied into (see load()).
  private pollFlag: Int32Array | null = null;
  private cFlag = 0;
  private searching = false;
  // The endgame database in wasm memory: copied once, kept while the caller
  // passes the same buffer.
  private egdb: { source: EndgameDatabase; ptr: number; len: number } | null = null;

  private constructor(m: EmscriptenModule, memory: WebAssembly.Memory) {
    this.m = m;
    this.memory = memory;
    this.fn = (name) => {
      const f = m[`_${name}`];
      if (typeof f !== 'function') throw new TempoError(-1, `tempo.wasm does not export ${name}`);
      return f as CFunction;
    };
  }

  /** Loads tempo.wasm. Every call from the wasm code out to JavaScript (the
   * search reads the clock every 256 nodes) first copies the caller's cancel
   * flag into the C flag the search polls: that is how a flag in a
   * SharedArrayBuffer reaches a single-threaded wasm memory. */
  static async load(source?: WasmSource): Promise<Tempo> {
    const factory = (await import(/* webpackIgnore: true */ './tempo.js' as string)).default as Factory;
    let instance: Tempo | null = null;
    let memory: WebAssembly.Memory | null = null;
    let fail: (e: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => { fail = reject; });
    const module = await Promise.race([failed, factory({
      instantiateWasm(imports: Record<string, Record<string, unknown>>, done: (i: WebAssembly.Instance) => void) {
        for (const ns of Object.values(imports)) {
          for (const [name, value] of Object.entries(ns)) {
            if (typeof value !== 'function') continue;
            const f = value as (...a: unknown[]) => unknown;
            ns[name] = (...args: unknown[]) => {
              instance?.pollCancel();
              return f(...args);
            };
          }
        }
        instantiate(source, imports as WebAssembly.Imports).then((i) => {
          memory = Object.values(i.exports).find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory) ??
            null;
          done(i);
        }, fail);
        return {};
      },
    })]);
    if (!memory) throw new TempoError(-1, 'tempo.wasm exports no memory');
    instance = new Tempo(module, memory);
    const abi = instance.abiVersion;
    if (abi < 6) throw new TempoError(-1, `tempo.wasm has ABI version ${abi}; this package needs 6 or later`);
    return instance;
  }

  get abiVersion(): number {
    return this.fn('tempo_abi_version')() >>> 0;
  }

  private pollCancel(): void {
    const flag = this.pollFlag;
    if (flag && this.cFlag && Atomics.load(flag, 0) !== 0) this.i32()[this.cFlag >> 2] = 1;
  }

  // Views are taken fresh: memory growth replaces the buffer.
  private u8(): Uint8Array { return new Uint8Array(this.memory.buffer); }
  private i32(): Int32Array { return new Int32Array(this.memory.buffer); }
  private view(): DataView { return new DataView(this.memory.buffer); }

  // ------------------------------------------------------------ memory
  private alloc(bytes: number): number {
    const p = this.fn('malloc')(bytes);
    if (!p) throw new TempoError(-1, `cannot allocate ${bytes} bytes in wasm memory`);
    this.u8().fill(0, p, p + bytes);
    return p;
  }
  private free(p: number): void {
    if (p) this.fn('free')(p);
  }
  /** Runs body with scratch allocations freed afterwards, whatever happens. */
  private scoped<T>(body: (alloc: (bytes: number) => number) => T): T {
    const owned: number[] = [];
    try {
      return body((bytes) => {
        const p = this.alloc(bytes);
        owned.push(p);
        return p;
      });
    } finally {
      for (const p of owned) this.free(p);
    }
  }

  private check(status: number, errPtr: number, what: string): void {
    if (status === 0) return;
    const detail = errPtr ? this.text(errPtr, ERROR_TEXT) : '';
    const known = this.statusString(status);
    throw new TempoError(status, `${what}: ${detail || known}`);
  }

  statusString(status: number): string {
    return this.text(this.fn('tempo_status_string')(status), 256);
  }

  private text(p: number, max: number): string {
    const bytes = this.u8();
    let end = p;
    while (end < p + max && bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(p, end));
  }
  private writeText(s: string, alloc: (n: number) => number): number {
    const encoded = new TextEncoder().encode(s);
    const p = alloc(encoded.length + 1);
    this.u8().set(encoded, p);
    return p;
  }

  // ------------------------------------------------------------ structs
  private newStruct(layout: StructLayout, alloc: (n: number) => number): number {
    const p = alloc(layout.size);
    this.view().setUint32(p, layout.size, true);
    return p;
  }
  private field(layout: StructLayout, name: string): number {
    const f = layout.fields[name];
    if (!f) throw new Error(`no field ${name} in ${layout.name}`);
    return f.offset;
  }

  private writePosition(pos: Position | string, alloc: (n: number) => number): number {
    if (typeof pos === 'string') return this.fenToWasm(pos, alloc);
    if (!pos || !(pos.squares instanceof Uint8Array) || pos.squares.length !== 51) {
      throw new TempoError(-1, 'position: expected { side, squares: Uint8Array(51) } or a FEN string');
    }
    const p = this.newStruct(positionLayout, alloc);
    this.view().setInt32(p + this.field(positionLayout, 'side'), pos.side, true);
    this.u8().set(pos.squares, p + this.field(positionLayout, 'squares'));
    const err = alloc(ERROR_TEXT);
    this.check(this.fn('tempo_position_validate')(p, err, ERROR_TEXT), err, 'position');
    return p;
  }

  private readPosition(p: number): Position {
    const side = this.view().getInt32(p + this.field(positionLayout, 'side'), true) as Side;
    const at = p + this.field(positionLayout, 'squares');
    return { side, squares: this.u8().slice(at, at + 51) };
  }

  private fenToWasm(fen: string, alloc: (n: number) => number): number {
    if (typeof fen !== 'string') throw new TempoError(-1, 'FEN: expected a string');
    const p = this.newStruct(positionLayout, alloc);
    const err = alloc(ERROR_TEXT);
    this.check(this.fn('tempo_position_from_fen')(this.writeText(fen, alloc), p, err, ERROR_TEXT), err,
      `FEN "${fen}"`);
    return p;
  }

  private writeMove(m: MoveKey, at: number): void {
    const captured = m.captured ?? [];
    if (captured.length > MAX_CAPTURES) throw new TempoError(-1, `a move takes at most ${MAX_CAPTURES} pieces`);
    const v = this.view();
    const L = moveLayout;
    v.setUint32(at, L.size, true);
    v.setUint8(at + this.field(L, 'from'), m.from);
    v.setUint8(at + this.field(L, 'to'), m.to);
    v.setUint8(at + this.field(L, 'capture_count'), captured.length);
    this.u8().set(captured, at + this.field(L, 'captured'));
  }

  private readMove(at: number): Move {
    const L = moveLayout;
    const b = this.u8();
    const n = b[at + this.field(L, 'capture_count')] ?? 0;
    const pathLength = b[at + this.field(L, 'path_length')] ?? 0;
    const c = at + this.field(L, 'captured');
    const p = at + this.field(L, 'path');
    const o = at + this.field(L, 'captured_in_order');
    return {
      from: b[at + this.field(L, 'from')] ?? 0,
      to: b[at + this.field(L, 'to')] ?? 0,
      captured: Array.from(b.subarray(c, c + n)),
      path: Array.from(b.subarray(p, p + pathLength)),
      capturedInOrder: Array.from(b.subarray(o, o + n)),
    };
  }

  // ------------------------------------------------------------ rules
  startPosition(): Position {
    return this.scoped((alloc) => {
      const p = this.newStruct(positionLayout, alloc);
      this.check(this.fn('tempo_position_start')(p), 0, 'start position');
      return this.readPosition(p);
    });
  }

  positionFromFen(fen: string): Position {
    return this.scoped((alloc) => this.readPosition(this.fenToWasm(fen, alloc)));
  }

  fen(pos: Position | string): string {
    return this.scoped((alloc) => {
      const p = this.writePosition(pos, alloc);
      const out = alloc(FEN_TEXT);
      this.check(this.fn('tempo_position_to_fen')(p, out, FEN_TEXT, 0), 0, 'FEN');
      return this.text(out, FEN_TEXT);
    });
  }

  /** From a square array (51 entries, index 0 unused) numbered FMJD or, for
   * 'rotated', the app's way (square s is FMJD square 51 - s). */
  positionFromSquares(squares: ArrayLike<number>, side: Side, numbering: 'fmjd' | 'rotated' = 'fmjd'): Position {
    return this.scoped((alloc) => {
      if (squares.length !== 51) throw new TempoError(-1, `square array: ${squares.length} entries, expected 51`);
      const arr = alloc(51 * 4);
      const i32 = this.i32();
      for (let i = 0; i < 51; i++) i32[(arr >> 2) + i] = squares[i] ?? 0;
      const p = this.newStruct(positionLayout, alloc);
      const err = alloc(ERROR_TEXT);
      this.check(this.fn('tempo_position_from_squares')(arr, 51, side, numbering === 'rotated' ? 1 : 0, p, err,
        ERROR_TEXT), err, 'square array');
      return this.readPosition(p);
    });
  }

  legalMoves(pos: Position | string): Move[] {
    return this.scoped((alloc) => {
      const p = this.writePosition(pos, alloc);
      const moves = alloc(MAX_MOVES * moveLayout.size);
      const count = alloc(4);
      this.check(this.fn('tempo_legal_moves')(p, moves, moveLayout.size, MAX_MOVES, count), 0, 'legal moves');
      const n = this.i32()[count >> 2] ?? 0;
      const out: Move[] = [];
      for (let i = 0; i < n; i++) out.push(this.readMove(moves + i * moveLayout.size));
      return out;
    });
  }

  play(pos: Position | string, move: MoveKey): Position {
    return this.scoped((alloc) => {
      const p = this.writePosition(pos, alloc);
      const m = alloc(moveLayout.size);
      this.writeMove(move, m);
      const out = this.newStruct(positionLayout, alloc);
      this.check(this.fn('tempo_play_move')(p, m, out), 0, `move ${move.from}-${move.to}`);
      return this.readPosition(out);
    });
  }

  /** PDN text of a legal move (`32-28`, `19x30`, long form when ambiguous). */
  movePdn(pos: Position | string, move: MoveKey): string {
    return this.moveText('tempo_move_to_pdn', pos, move);
  }
  /** Hub text: `32-28`, captures `28x19x23` (from, to, captured squares). */
  moveHub(pos: Position | string, move: MoveKey): string {
    return this.moveText('tempo_move_to_hub', pos, move);
  }
  private moveText(fn: string, pos: Position | string, move: MoveKey): string {
    return this.scoped((alloc) => {
      const p = this.writePosition(pos, alloc);
      const m = alloc(moveLayout.size);
      this.writeMove(move, m);
      const out = alloc(MOVE_TEXT);
      this.check(this.fn(fn)(p, m, out, MOVE_TEXT, 0), 0, `move ${move.from}-${move.to}`);
      return this.text(out, MOVE_TEXT);
    });
  }

  /** Reads PDN (or, with hub, Hub) move text into the legal move it names. */
  parseMove(pos: Position | string, text: string, hub = false): Move {
    return this.scoped((alloc) => {
      const p = this.writePosition(pos, alloc);
      const m = this.newStruct(moveLayout, alloc);
      const err = alloc(ERROR_TEXT);
      this.check(this.fn(hub ? 'tempo_move_from_hub' : 'tempo_move_from_pdn')(p, this.writeText(text, alloc), m, err,
        ERROR_TEXT), err, `move "${text}"`);
      return this.readMove(m);
    });
  }

  scoreText(score: number): string {
    return this.scoped((alloc) => {
      const out = alloc(SCORE_TEXT);
      this.check(this.fn('tempo_score_text')(score | 0, out, SCORE_TEXT, 0), 0, 'score text');
      return this.text(out, SCORE_TEXT);
    });
  }

  gameStatus(start: Position | string, moves: readonly MoveKey[] = []): GameState {
    return this.scoped((alloc) => {
      const p = this.writePosition(start, alloc);
      const ms = this.writeMoves(moves, alloc);
      const out = this.newStruct(gameStateLayout, alloc);
      this.view().setUint32(out + this.field(gameStateLayout, 'position'), positionLayout.size, true);
      const err = alloc(ERROR_TEXT);
      this.check(this.fn('tempo_game_status')(p, ms, moveLayout.size, moves.length, out, err, ERROR_TEXT), err,
        'game');
      const v = this.view();
      const g = (name: string) => v.getInt32(out + this.field(gameStateLayout, name), true);
      const results = ['ongoing', 'white-wins', 'black-wins', 'draw'] as const;
      const rules = ['none', 'repetition', '25-moves', '16-moves', '5-moves'] as const;
      return {
        result: results[g('result')] ?? 'ongoing',
        drawRule: rules[g('draw_rule')] ?? 'none',
        sideToMove: g('side_to_move') as Side,
        plies: g('plies'),
        legalMoves: g('legal_moves'),
        kingPlies: g('king_plies'),
        endgamePlies: g('endgame_plies'),
        repetitions: g('repetitions'),
        position: this.readPosition(out + this.field(gameStateLayout, 'position')),
      };
    });
  }

  private writeMoves(moves: readonly MoveKey[], alloc: (n: number) => number): number {
    if (moves.length === 0) return 0;
    const p = alloc(moves.length * moveLayout.size);
    moves.forEach((m, i) => this.writeMove(m, p + i * moveLayout.size));
    return p;
  }

  // ------------------------------------------------------------ table
  /** Checks that `table` is a usable table buffer; throws a TempoError saying
   * what is wrong (detached, too small, not an ArrayBuffer). */
  static checkTable(table: unknown): asserts table is ArrayBuffer {
    if (!(table instanceof ArrayBuffer)) {
      throw new TempoError(-1, 'table: expected an ArrayBuffer');
    }
    if (isDetached(table)) {
      throw new TempoError(-1, 'table: the ArrayBuffer is detached (it was transferred with postMessage); ' +
        'use the one the search handed back');
    }
    if (table.byteLength < TABLE_MIN_BYTES) {
      throw new TempoError(-1, `table: ${table.byteLength} bytes; a table needs at least ${TABLE_MIN_BYTES}`);
    }
  }

  // Copies the caller's table into wasm memory (allocated once per size).
  private tableIn(table: ArrayBuffer): number {
    if (this.tableLen !== table.byteLength) {
      this.free(this.tablePtr);
      this.tablePtr = 0;
      this.tableLen = 0;
      this.tablePtr = this.alloc(table.byteLength);
      this.tableLen = table.byteLength;
    }
    this.u8().set(new Uint8Array(table), this.tablePtr);
    return this.tablePtr;
  }

  tableInfo(table: ArrayBuffer): TableInfo {
    Tempo.checkTable(table);
    const t = this.tableIn(table);
    return this.scoped((alloc) => {
      const out = this.newStruct(tableInfoLayout, alloc);
      this.check(this.fn('tempo_table_get_info')(t, table.byteLength, out), 0, 'table');
      const v = this.view();
      const at = (name: string) => out + this.field(tableInfoLayout, name);
      return {
        formatVersion: v.getUint32(at('format_version'), true),
        generation: v.getUint32(at('generation'), true),
        status: v.getInt32(at('status'), true),
        reason: v.getInt32(at('reason'), true),
        bytes: Number(v.getBigUint64(at('bytes'), true)),
        entries: Number(v.getBigUint64(at('entries'), true)),
        fill: v.getFloat64(at('fill'), true),
      };
    });
  }

  // ------------------------------------------------------------ egdb
  private egdbIn(egdb: EndgameDatabase, alloc: (n: number) => number): [number, number] {
    const bytes = egdb instanceof Uint8Array ? egdb : egdb instanceof ArrayBuffer ? new Uint8Array(egdb) : null;
    if (!bytes) throw new TempoError(-1, 'endgame database: expected an ArrayBuffer or Uint8Array');
    if (bytes.byteLength === 0) return [0, 0];
    const p = alloc(bytes.byteLength);
    this.u8().set(bytes, p);
    return [p, bytes.byteLength];
  }

  private egdbKept(egdb: EndgameDatabase): [number, number] {
    if (this.egdb?.source !== egdb) {
      if (this.egdb) this.free(this.egdb.ptr);
      this.egdb = null;
      const [ptr, len] = this.egdbIn(egdb, (n) => this.alloc(n));
      this.egdb = { source: egdb, ptr, len };
    }
    return [this.egdb.ptr, this.egdb.len];
  }

  egdbInfo(egdb: EndgameDatabase): EgdbInfo {
    return this.scoped((alloc) => {
      const [p, n] = this.egdbIn(egdb, alloc);
      const out = this.newStruct(egdbInfoLayout, alloc);
      // tempo_egdb_get_info(const uint8_t*, uint64_t, info*): the 64-bit size is a BigInt.
      this.check((this.fn('tempo_egdb_get_info') as unknown as (a: number, b: bigint, c: number) => number)(
        p, BigInt(n), out), 0, 'endgame database');
      const v = this.view();
      const at = (name: string) => out + this.field(egdbInfoLayout, name);
      return {
        status: v.getInt32(at('status'), true),
        maxPieces: v.getInt32(at('max_pieces'), true),
        slices: v.getInt32(at('slices'), true),
        bytes: Number(v.getBigUint64(at('bytes'), true)),
      };
    });
  }

  /** The database's value of a position for the side to move, or null when
   * the position is not in it (too many pieces, a slice not stored, an
   * unusable buffer). A pending capture is played out. */
  egdbProbe(egdb: EndgameDatabase, pos: Position | string): 'win' | 'draw' | 'loss' | null {
    const [p, n] = this.egdbKept(egdb);
    return this.scoped((alloc) => {
      const position = this.writePosition(pos, alloc);
      const value = alloc(4);
      const found = alloc(4);
      this.check((this.fn('tempo_egdb_probe') as unknown as (a: number, b: bigint, c: number, d: number, e: number) =>
        number)(p, BigInt(n), position, value, found), 0, 'endgame database probe');
      const i32 = this.i32();
      if (!i32[found >> 2]) return null;
      const v = i32[value >> 2] ?? 0;
      return v > 0 ? 'win' : v < 0 ? 'loss' : 'draw';
    });
  }

  // ------------------------------------------------------------ search
  /** Searches the position reached from `position` after `options.history`.
   * The table (an ArrayBuffer of at least 64 KiB; all zeros is an empty
   * table) is copied into wasm memory, searched with, and copied back into the
   * same ArrayBuffer, which the result hands back. On any error the caller's
   * table is left exactly as it was. Blocks for the length of the search. */
  search(position: Position | string, options: SearchOptions = {}, table?: ArrayBuffer): SearchResult {
    if (table !== undefined) Tempo.checkTable(table);
    if (this.searching) throw new TempoError(-1, 'search: a search is already running on this Tempo');
    const params = options.params ?? {};
    if (params.threads !== undefined && params.threads !== 1) {
      throw new TempoError(5, `params.threads is ${params.threads}: this WebAssembly build is single-threaded ` +
        '(no pthreads); use 1, or one worker per game');
    }
    if (options.cancel !== undefined && !(options.cancel instanceof Int32Array && options.cancel.length > 0)) {
      throw new TempoError(-1, 'cancel: expected an Int32Array (over a SharedArrayBuffer)');
    }
    const levelIndex = LEVELS.indexOf(options.level ?? 'hard');
    if (levelIndex < 0) throw new TempoError(5, `level "${String(options.level)}": expected one of ${LEVELS.join(', ')}`);
    let progressFn = 0;
    this.searching = true;
    try {
      return this.scoped((alloc) => {
        const R = searchRequestLayout;
        const start = this.writePosition(position, alloc);
        const history = options.history ?? [];
        const moves = this.writeMoves(history, alloc);
        const req = this.newStruct(R, alloc);
        const v = this.view();
        const set32 = (name: string, value: number) => v.setInt32(req + this.field(R, name), value, true);
        const set64 = (name: string, value: number) => {
          if (!Number.isSafeInteger(value) || value < 0) throw new TempoError(5, `${name}: ${value} is not a count`);
          v.setBigUint64(req + this.field(R, name), BigInt(value), true);
        };
        set32('level', levelIndex);
        set32('start', start);
        set32('moves', moves);
        set32('move_size', moveLayout.size);
        set32('move_count', history.length);
        set32('depth', int(options.depth, 'depth'));
        set32('movetime_ms', int(options.movetime, 'movetime'));
        set64('nodes', options.nodes ?? 0);
        set32('time_left_ms', int(options.timeLeft, 'timeLeft'));
        set32('increment_ms', int(options.increment, 'increment'));
        set32('moves_to_go', int(options.movesToGo, 'movesToGo'));
        set64('seed', options.seed ?? 0);
        set32('multipv', int(options.multipv, 'multipv'));
        let overrides = this.setParams(req, params);
        if (options.cancel) {
          this.cFlag = alloc(4);
          set32('cancel', this.cFlag);
          // The flag reaches the search only through its clock reads, which
          // need a time cap: none becomes the longest one (24 h), the same
          // search. An infinite search is the same: no depth, node or time
          // limit that could come first.
          const capped = params.timeLimitMs === undefined || params.timeLimitMs > 0;
          if (options.infinite) {
            overrides |= OVERRIDE.maxDepth | OVERRIDE.timeLimit;
            set32('max_depth', 127);
            set32('time_limit_ms', MAX_MS);
            set32('depth', 0);
            set32('movetime_ms', 0);
            set64('nodes', 0);
            set32('time_left_ms', 0);
          } else if (!capped) {
            set32('time_limit_ms', MAX_MS);
          }
          set32('overrides', overrides);
        } else if (options.infinite) {
          set32('infinite', 1); // the library refuses it: nothing could end it
        }
        if (options.egdb !== undefined) {
          const [p, n] = this.egdbKept(options.egdb);
          set32('egdb', p);
          v.setBigUint64(req + this.field(R, 'egdb_size'), BigInt(n), true);
        }
        if (options.onProgress) {
          const onProgress = options.onProgress;
          progressFn = this.m.addFunction((p: number) => onProgress(this.readProgress(p)), 'vii');
          set32('on_progress', progressFn);
        }
        const result = this.newStruct(searchResultLayout, alloc);
        const err = alloc(ERROR_TEXT);
        const t = table ? this.tableIn(table) : 0;
        if (table && !options.resetForeignTable) this.refuseForeign(t, table.byteLength);
        this.pollFlag = options.cancel ?? null;
        let status: number;
        try {
          status = this.fn('tempo_search')(req, t, table ? table.byteLength : 0, result, err, ERROR_TEXT);
        } finally {
          this.pollFlag = null;
          this.cFlag = 0;
        }
        this.check(status, err, 'search');
        if (table) new Uint8Array(table).set(this.u8().subarray(t, t + table.byteLength));
        return this.readResult(result, table);
      });
    } finally {
      if (progressFn) this.m.removeFunction(progressFn);
      this.searching = false;
    }
  }

  private refuseForeign(t: number, len: number): void {
    this.scoped((alloc) => {
      const info = this.newStruct(tableInfoLayout, alloc);
      this.check(this.fn('tempo_table_get_info')(t, len, info), 0, 'table');
      const v = this.view();
      const status = v.getInt32(info + this.field(tableInfoLayout, 'status'), true);
      const reason = v.getInt32(info + this.field(tableInfoLayout, 'reason'), true);
      if (status === TABLE_RESET && FOREIGN_REASONS[reason]) {
        throw new TempoError(10, `table: ${FOREIGN_REASONS[reason]}: not a table a search left, nor zeros ` +
          '(a new table); left as it was (options.resetForeignTable searches it as an empty table)');
      }
    });
  }

  private setParams(req: number, p: Params): number {
    const R = searchRequestLayout;
    const v = this.view();
    let bits = 0;
    const i = (bit: number, name: string, value: number | boolean | undefined) => {
      if (value === undefined) return;
      bits |= bit;
      v.setInt32(req + this.field(R, name), typeof value === 'boolean' ? Number(value) : int(value, name), true);
    };
    const d = (bit: number, name: string, value: number | undefined) => {
      if (value === undefined) return;
      bits |= bit;
      v.setFloat64(req + this.field(R, name), value, true);
    };
    i(OVERRIDE.maxDepth, 'max_depth', p.maxDepth);
    i(OVERRIDE.timeLimit, 'time_limit_ms', p.timeLimitMs);
    i(OVERRIDE.evalNoise, 'eval_noise', p.evalNoise);
    d(OVERRIDE.blunderProbability, 'blunder_probability', p.blunderProbability);
    i(OVERRIDE.blunderMargin, 'blunder_margin', p.blunderMargin);
    d(OVERRIDE.featureScale, 'feature_scale', p.featureScale);
    i(OVERRIDE.useTable, 'use_table', p.useTable);
    i(OVERRIDE.useKillers, 'use_killers', p.useKillers);
    i(OVERRIDE.threads, 'threads', p.threads);
    i(OVERRIDE.freshTable, 'fresh_table', p.freshTable);
    i(OVERRIDE.maxNodes, 'max_nodes', p.maxNodes);
    i(OVERRIDE.blunderDepth, 'blunder_depth', p.blunderDepth);
    i(OVERRIDE.captureHorizon, 'capture_horizon', p.captureHorizon);
    i(OVERRIDE.strength, 'strength', p.strength);
    i(OVERRIDE.book, 'book', p.book);
    i(OVERRIDE.bookVariety, 'book_variety', p.bookVariety);
    v.setUint32(req + this.field(R, 'overrides'), bits, true);
    return bits;
  }

  private readProgress(p: number): Progress {
    const v = this.view();
    const at = (name: string) => p + this.field(progressLayout, name);
    return {
      depth: v.getInt32(at('depth'), true),
      seldepth: v.getInt32(at('seldepth'), true),
      score: v.getInt32(at('score'), true),
      nodes: Number(v.getBigUint64(at('nodes'), true)),
      timeMs: Number(v.getBigInt64(at('time_ms'), true)),
      multipvIndex: v.getInt32(at('multipv_index'), true),
      pv: this.text(at('pv'), PV_TEXT),
    };
  }

  private readResult(r: number, table: ArrayBuffer | undefined): SearchResult {
    const L = searchResultLayout;
    const v = this.view();
    const at = (name: string) => r + this.field(L, name);
    const g = (name: string) => v.getInt32(at(name), true);
    const multipv: ScoredMove[] = [];
    const S = searchResultLayout.fields['multipv']!.type as StructLayout;
    for (let i = 0; i < g('multipv_count'); i++) {
      const e = at('multipv') + i * S.size;
      multipv.push({
        move: this.readMove(e + this.field(S, 'move')),
        score: v.getInt32(e + this.field(S, 'score'), true),
        pv: this.text(e + this.field(S, 'pv'), PV_TEXT),
      });
    }
    const score = g('score');
    return {
      move: g('has_move') ? this.readMove(at('best_move')) : null,
      score,
      scoreText: this.scoreText(score),
      depth: g('depth'),
      seldepth: g('seldepth'),
      nodes: Number(v.getBigUint64(at('nodes'), true)),
      timeMs: Number(v.getBigInt64(at('time_ms'), true)),
      pv: this.text(at('pv'), PV_TEXT),
      multipv,
      cancelled: g('cancelled') !== 0,
      blunder: g('blunder') !== 0,
      tableStatus: g('tt_status'),
      tableReason: g('tt_reason'),
      table,
    };
  }
}

const MAX_MS = 86_400_000;

// Table reasons (TEMPO_TABLE_REASON_*) that mean the bytes were never a
// Tempo table; the others (version, geometry, weights) are a stale table.
const FOREIGN_REASONS: Record<number, string> = {
  1: 'bad magic number', 6: 'damaged header',
};

const OVERRIDE = {
  maxDepth: 1, timeLimit: 2, evalNoise: 4, blunderProbability: 8, blunderMargin: 16, featureScale: 32,
  useTable: 64, useKillers: 128, threads: 256, freshTable: 512,
  maxNodes: 1024, blunderDepth: 2048, captureHorizon: 4096, strength: 8192, book: 16384, bookVariety: 32768,
} as const;

function int(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new TempoError(5, `${name}: ${value} is not a 32-bit integer`);
  }
  return value;
}

/** True when `buffer` was transferred away (postMessage) and can no longer be read. */
export function isDetached(buffer: ArrayBuffer): boolean {
  const d = (buffer as { detached?: boolean }).detached;
  if (typeof d === 'boolean') return d;
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer); // a view of a detached buffer cannot be made
    return false;
  } catch {
    return true;
  }
}

/** FMJD square <-> the app's rotated numbering (s -> 51 - s, its own inverse). */
export function rotateSquare(square: number): number {
  return 51 - square;
}

/** A move renumbered between FMJD and the app's rotated numbering. */
export function rotateMove(m: Move): Move {
  return {
    from: rotateSquare(m.from),
    to: rotateSquare(m.to),
    captured: m.captured.map(rotateSquare),
    path: m.path.map(rotateSquare),
    capturedInOrder: m.capturedInOrder.map(rotateSquare),
  };
}

async function instantiate(source: WasmSource | undefined, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, imports);
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) {
    return (await WebAssembly.instantiate(source as Uint8Array<ArrayBuffer>, imports)).instance;
  }
  const url = source ?? new URL('./tempo.wasm', import.meta.url);
  if (String(url).startsWith('file:')) { // Node: fetch() reads no files
    const fs = (await import('node:fs/promises' as string)) as { readFile(u: URL): Promise<Uint8Array> };
    return (await WebAssembly.instantiate(await fs.readFile(new URL(url)) as Uint8Array<ArrayBuffer>, imports)).instance;
  }
  const response = await fetch(url);
  if (!response.ok) throw new TempoError(-1, `tempo.wasm: ${response.status} ${response.statusText} from ${String(url)}`);
  if (typeof WebAssembly.instantiateStreaming === 'function' &&
      response.headers.get('Content-Type') === 'application/wasm') {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}
