// A drop-in for the International-draughts web game's engine call
// (`findBestMove(board, player, config)` of its shared engine, ai/search.ts),
// with the game's own types and rotated square numbering, but asynchronous:
// the search runs on a worker through TempoService, and the game's
// transposition table is carried from move to move instead of a fresh one per
// call. The types below are the game's, structurally (its PieceType and
// PlayerColor enums are the strings 'man'/'king' and 'white'/'black').
import { TempoService, type ServiceOptions, type ServiceResult } from './service.js';
import { TABLE_DEFAULT_BYTES } from './layout.js';
import {
  BLACK, BLACK_KING, BLACK_MAN, EMPTY, Tempo, TempoError, WHITE, WHITE_KING, WHITE_MAN,
  type Level, type Move, type MoveKey, type Position, type Side, type WasmSource,
} from './engine.js';


export interface GamePiece {
  readonly type: string; // PieceType: 'man' | 'king'
  readonly color: string; // PlayerColor: 'white' | 'black'
}
/** The game's BoardPosition: 51 entries, index 0 unused, rotated numbering
 * (its White starts on 1-20: game square s is FMJD square 51 - s). */
export type GameBoard = readonly (GamePiece | null | undefined)[];
export interface GameQuietMove {
  readonly type: 'quiet';
  readonly from: number;
  readonly to: number;
}
export interface GameCaptureStep {
  readonly from: number;
  readonly to: number;
  readonly captured: number;
}
export interface GameCaptureMove {
  readonly type: 'capture';
  readonly steps: readonly GameCaptureStep[];
}
export type GameMove = GameQuietMove | GameCaptureMove;
/** The game's DifficultyConfig (ai/difficulty.ts). */
export interface GameDifficultyConfig {
  readonly name: string;
  readonly maxDepth: number;
  readonly timeLimitMs: number;
  readonly noiseAmplitude: number;
  readonly blunderProbability: number;
  readonly blunderMargin: number;
}
/** The game's SearchResult. */
export interface GameSearchResult {
  readonly move: GameMove;
  readonly score: number;
  readonly depthReached: number;
  readonly nodesEvaluated: number;
}

export interface FindOptions {
  /** The game so far: the boards from the start position to `board`
   * (`[createInitialBoard(), ...moveHistory.map(m => m.positionAfter)]`), so
   * Tempo sees repetitions and the 25- and 16-move rules. Without it, the
   * search starts from `board` with no history. */
  readonly history?: readonly GameBoard[];
}

const LEVEL_BY_NAME: Record<string, Level> = { easy: 'easy', medium: 'medium', hard: 'hard', expert: 'expert' };

/** Tempo's level for the game's config: by its name (Easy, Medium, Hard,
 * Expert); an unknown name by its depth (the game's easy 2-3, medium 5, hard
 * 8, expert 20). Tempo's levels keep their own calibrated parameters. */
export function levelFor(config: GameDifficultyConfig): Level {
  const named = LEVEL_BY_NAME[config.name.toLowerCase()];
  if (named) return named;
  return config.maxDepth <= 3 ? 'easy' : config.maxDepth <= 5 ? 'medium' : config.maxDepth <= 8 ? 'hard' : 'expert';
}

/** The game's board as a C ABI square array (rotated numbering kept). */
export function boardCodes(board: GameBoard): number[] {
  if (board.length !== 51) throw new TempoError(-1, `board: ${board.length} entries, expected 51`);
  return Array.from(board, (p, i) => {
    if (i === 0 || !p) return EMPTY;
    const white = p.color === 'white';
    if (!white && p.color !== 'black') throw new TempoError(-1, `board square ${i}: colour "${p.color}"`);
    if (p.type === 'man') return white ? WHITE_MAN : BLACK_MAN;
    if (p.type === 'king') return white ? WHITE_KING : BLACK_KING;
    throw new TempoError(-1, `board square ${i}: piece type "${p.type}"`);
  });
}

/** A Tempo move (FMJD) as the game's Move (rotated), a capture jump by jump. */
export function gameMove(m: Move): GameMove {
  const r = (s: number) => 51 - s;
  if (m.captured.length === 0) return { type: 'quiet', from: r(m.from), to: r(m.to) };
  return {
    type: 'capture',
    steps: m.capturedInOrder.map((c, i) => ({ from: r(m.path[i]!), to: r(m.path[i + 1]!), captured: r(c) })),
  };
}

/** The engine for one game: a worker, its table, the async findBestMove. */
export class TempoEngine {
  private table: ArrayBuffer | undefined;
  private constructor(private readonly rules: Tempo, readonly service: TempoService, tableBytes: number) {
    this.table = new ArrayBuffer(tableBytes);
  }

  /** Loads tempo.wasm twice: on this thread for the rules (tiny calls) and in
   * the service's worker for the searches. */
  static async create(options: ServiceOptions & { tableBytes?: number } = {}): Promise<TempoEngine> {
    const wasm: WasmSource | undefined = options.wasm;
    const rules = await Tempo.load(wasm);
    const service = new TempoService(options);
    await service.whenReady();
    return new TempoEngine(rules, service, options.tableBytes ?? TABLE_DEFAULT_BYTES);
  }

  /** The game's findBestMove, asynchronous: null when `player` has no legal
   * move. Rejects with a TempoError for a bad board or history. */
  async findBestMove(board: GameBoard, player: string, config: GameDifficultyConfig,
      options: FindOptions = {}): Promise<GameSearchResult | null> {
    const side: Side = player === 'white' ? WHITE : BLACK;
    const { start, moves } = this.game(board, side, options.history);
    const seed = Math.floor(Math.random() * 2 ** 32);
    let r: ServiceResult;
    try {
      r = await this.service.search(start, { level: levelFor(config), history: moves, seed }, this.table);
    } catch (e) {
      this.table = (e as { table?: ArrayBuffer }).table ?? new ArrayBuffer(this.table?.byteLength ?? 0);
      throw e;
    }
    this.table = r.table;
    if (!r.move) return null;
    return { move: gameMove(r.move), score: r.score, depthReached: r.depth, nodesEvaluated: r.nodes };
  }

  /** Stops the running search; it answers with the best move so far. */
  moveNow(): void {
    this.service.moveNow();
  }

  /** The game changed under the search (undo, new game): the running search
   * stops at once. Its findBestMove still resolves (with the best move so
   * far, for the old position): the game's generation check drops it. */
  cancel(): void {
    this.service.cancel();
  }

  close(): void {
    this.service.close();
  }

  // The start of the game and the moves since, read from consecutive boards.
  private game(board: GameBoard, side: Side, history: readonly GameBoard[] | undefined):
      { start: Position; moves: MoveKey[] } {
    const now = this.rules.positionFromSquares(boardCodes(board), side, 'rotated');
    if (!history || history.length < 2) return { start: now, moves: [] };
    // White moves first in the game's start position: the side to move of
    // history[i] alternates from there.
    const plies = history.length - 1;
    const first: Side = (plies % 2 === 0) === (side === WHITE) ? WHITE : BLACK;
    const start = this.rules.positionFromSquares(boardCodes(history[0]!), first, 'rotated');
    const moves: MoveKey[] = [];
    let pos = start;
    for (let i = 1; i < history.length; i++) {
      const next = this.rules.positionFromSquares(boardCodes(history[i]!),
        pos.side === WHITE ? BLACK : WHITE, 'rotated');
      const move = this.rules.legalMoves(pos).find((m) => same(this.rules.play(pos, m), next));
      if (!move) throw new TempoError(-1, `history: no legal move leads from board ${i - 1} to board ${i}`);
      moves.push(move);
      pos = next;
    }
    if (!same(pos, now)) throw new TempoError(-1, 'history: its last board is not the board searched');
    return { start, moves };
  }
}

function same(a: Position, b: Position): boolean {
  return a.side === b.side && a.squares.every((v, i) => v === b.squares[i]);
}
