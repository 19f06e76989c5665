// A Hub v2 engine around the International-draughts game's own TypeScript
// engine, so that `tempo match` can play Tempo against it.
//
// `game-engine` is not in this repository: build.mjs points it at
// frontend/src/lib/engine of a snapshot of the game and bundles both into one
// file under build/. The adapter calls the engine exactly as the game's web
// app does (frontend/src/stores/game-store.ts, triggerAiMove):
//   findBestMove(position, currentTurn, DIFFICULTY_CONFIGS[level])
// on a fresh board each move, with the preset's own depth cap, time limit,
// noise, blunders and feature scale. The referee's `level` line (move time,
// depth, nodes) is read and ignored: the app gives its engine nothing but the
// preset, and neither does this adapter.
//
// Squares and colours: Hub (and Tempo) number the board the FMJD way, White
// on 31-50 moving towards 1-5. The game puts White on 1-20 moving towards
// 46-50: its board is the FMJD board turned half a turn, so square s here is
// 51 - s there (the game's own server API converts the same way). Colours are
// the same on both sides: White is White and moves first.
//
// The preset's time limit is measured on the clock the game reads,
// performance.now(). With the parameter `clock=cpu` (the default) the adapter
// points that clock at this process's CPU time, so the time limit means the
// same on a machine shared with other work as on an idle one (a player's
// device runs the game alone); `clock=wall` leaves the real clock.
//
// Commands: hub, set-param (level = easy | medium | hard | expert,
// clock = cpu | wall), init,
// new-game, pos, level, go think | analyze, stop, ping, quit. The search is
// synchronous (as in the app), so `stop` and `ping` are read after `done`.
// GAME_HUB_LOG=<file> appends one line per move: time, depth, nodes.

import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  DIFFICULTY_CONFIGS,
  evaluate,
  findBestMove,
  PieceType,
  PlayerColor,
  type Move,
  type Piece,
  type Square,
} from 'game-engine';

const LEVELS = ['easy', 'medium', 'hard', 'expert'] as const;
type Level = (typeof LEVELS)[number];

const out = (line: string): void => {
  process.stdout.write(line + '\n');
};

// One Hub line: a command word, then name or name=value pairs; values may be
// double-quoted (the referee quotes every value it sends).
const parseLine = (line: string): { command: string; args: Map<string, string> } => {
  const args = new Map<string, string>();
  const re = /\s*([^\s=]+)(?:=(?:"([^"]*)"?|(\S*)))?/y;
  let command = '';
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    if (command === '') command = m[1]!;
    else args.set(m[1]!, m[2] ?? m[3] ?? '');
  }
  return { command, args };
};

const toGame = (hubSquare: number): number => 51 - hubSquare;
const toHub = (gameSquare: number): number => 51 - gameSquare;

const PIECES: Record<string, Piece> = {
  w: { type: PieceType.Man, color: PlayerColor.White },
  b: { type: PieceType.Man, color: PlayerColor.Black },
  W: { type: PieceType.King, color: PlayerColor.White },
  B: { type: PieceType.King, color: PlayerColor.Black },
};

interface Position {
  board: Square[]; // the game's BoardPosition: index 0 unused, its own numbering
  turn: PlayerColor;
}

// `W` or `B`, then squares 1..50 (Hub numbering) as w b W B e.
const parsePosition = (text: string): Position | string => {
  if (text.length !== 51) return `expected 51 characters, got ${text.length}`;
  if (text[0] !== 'W' && text[0] !== 'B') return 'the first character must be W or B';
  const board: Square[] = new Array<Square>(51).fill(null);
  for (let s = 1; s <= 50; s++) {
    const c = text[s]!;
    if (c === 'e' || c === '.') continue;
    const piece = PIECES[c];
    if (piece === undefined) return `bad character '${c}' on square ${s}`;
    board[toGame(s)] = piece;
  }
  return { board, turn: text[0] === 'W' ? PlayerColor.White : PlayerColor.Black };
};

// Plays a Hub move (`32-28`, or `fromxto` then `x<captured>` for each captured
// square) on the game's board. The referee sends only legal moves; the move
// is applied here rather than looked up in the game's move generator so that
// a capture the game would not find (see README.md) still arrives intact.
const playHubMove = (pos: Position, text: string): string | null => {
  const squares = text.split(/[-x]/).map(Number);
  if (squares.length < 2 || squares.some((s) => !Number.isInteger(s) || s < 1 || s > 50)) {
    return `bad move text "${text}"`;
  }
  const [from, to, ...captured] = squares.map(toGame) as [number, number, ...number[]];
  const piece = pos.board[from];
  if (piece === null || piece === undefined || piece.color !== pos.turn) return `no piece to move on ${text}`;
  for (const c of captured) pos.board[c] = null;
  pos.board[from] = null;
  // A man that ends its move on the far row is crowned (the game's white
  // crowns on its row 9, squares 46-50; its black on 1-5).
  const farRow = piece.color === PlayerColor.White ? to >= 46 : to <= 5;
  pos.board[to] = piece.type === PieceType.Man && farRow ? { type: PieceType.King, color: piece.color } : piece;
  pos.turn = pos.turn === PlayerColor.White ? PlayerColor.Black : PlayerColor.White;
  return null;
};

// The game's move in Hub text, every captured square listed (ascending), so
// that an ambiguous king capture names the one the game chose.
const hubMove = (move: Move): string => {
  if (move.type === 'quiet') return `${toHub(move.from)}-${toHub(move.to)}`;
  const from = toHub(move.steps[0]!.from);
  const to = toHub(move.steps[move.steps.length - 1]!.to);
  const captured = move.steps.map((s) => toHub(s.captured)).sort((a, b) => a - b);
  return [from, to, ...captured].join('x');
};

// The game's move generator keeps the capturing piece on its origin square
// until the capture ends, so it misses every capture whose route passes
// through or ends on that square (a man's round trip 40x40, a king crossing
// where it started) and, under the maximum-capture rule, then offers a
// shorter capture that FMJD rules forbid. Such a move would forfeit the game
// in `tempo match`. The adapter therefore lists the legal captures itself
// (FMJD: origin vacated, captured pieces stay until the end and cannot be
// jumped twice, the most pieces must be taken) and, when the game's move is
// not among them, plays the one the game's own evaluation (`evaluate`, the
// preset's feature scale) likes best, and counts it (GAME_HUB_LOG, `info`).
interface Capture {
  from: number;
  to: number;
  captured: number[]; // ascending, game numbering
}

const rowOf = (s: number): number => Math.floor((s - 1) / 5);
const colOf = (s: number): number => (rowOf(s) % 2 === 0 ? 2 * ((s - 1) % 5) + 1 : 2 * ((s - 1) % 5));
const squareAt = (row: number, col: number): number | null =>
  row < 0 || row > 9 || col < 0 || col > 9 || (row + col) % 2 === 0 ? null : row * 5 + Math.floor(col / 2) + 1;
const DIRECTIONS: readonly [number, number][] = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

const legalCaptures = (board: readonly Square[], color: PlayerColor): Capture[] => {
  const found = new Map<string, Capture>();
  let most = 1;
  const record = (from: number, to: number, taken: number[]): void => {
    if (taken.length < most) return;
    if (taken.length > most) {
      most = taken.length;
      found.clear();
    }
    const captured = [...taken].sort((a, b) => a - b);
    found.set(`${from}x${to}x${captured.join('x')}`, { from, to, captured });
  };
  const empty = (s: number, origin: number): boolean => s === origin || board[s] === null || board[s] === undefined;
  const enemy = (s: number): boolean => {
    const p = board[s];
    return p !== null && p !== undefined && p.color !== color;
  };
  const extend = (origin: number, at: number, king: boolean, taken: number[]): void => {
    let extended = false;
    for (const [dr, dc] of DIRECTIONS) {
      let r = rowOf(at) + dr;
      let c = colOf(at) + dc;
      let sq = squareAt(r, c);
      // A king flies over empty squares to the piece it takes; a man takes an adjacent one.
      while (king && sq !== null && empty(sq, origin)) {
        r += dr;
        c += dc;
        sq = squareAt(r, c);
      }
      if (sq === null || !enemy(sq) || taken.includes(sq)) continue;
      const victim = sq;
      r += dr;
      c += dc;
      for (let land = squareAt(r, c); land !== null && empty(land, origin); land = squareAt(r, c)) {
        extended = true;
        extend(origin, land, king, [...taken, victim]);
        if (!king) break;
        r += dr;
        c += dc;
      }
    }
    if (!extended && taken.length > 0) record(origin, at, taken);
  };
  for (let s = 1; s <= 50; s++) {
    const p = board[s];
    if (p !== null && p !== undefined && p.color === color) extend(s, s, p.type === PieceType.King, []);
  }
  return [...found.values()];
};

const captureText = (c: Capture): string =>
  [toHub(c.from), toHub(c.to), ...c.captured.map(toHub).sort((a, b) => a - b)].join('x');

// The legal move to play instead of a capture FMJD rules forbid, or null when
// the game's move is legal.
const legalReplacement = (pos: Position, gameMove: string, featureScale: number): string | null => {
  const legal = legalCaptures(pos.board, pos.turn).map(captureText);
  if (legal.length === 0 || legal.includes(gameMove)) return null;
  let best = legal[0]!;
  let bestScore = -Infinity;
  for (const text of legal) {
    const after: Position = { board: [...pos.board], turn: pos.turn };
    playHubMove(after, text);
    const score = evaluate(after.board, pos.turn, featureScale);
    if (score > bestScore) {
      bestScore = score;
      best = text;
    }
  }
  return best;
};

// Scores in men on the Hub scale; the game's -10000 (no legal move) reads as a loss.
const scoreText = (score: number): string => {
  if (!Number.isFinite(score)) return '0.00';
  const men = Math.max(-100, Math.min(100, score / 100));
  return (men >= 0 ? '+' : '') + men.toFixed(2);
};

type ClockKind = 'cpu' | 'wall';
const CLOCKS: readonly ClockKind[] = ['cpu', 'wall'];
let clock: ClockKind = 'cpu';
const realPerformance = globalThis.performance;
const wallNow = (): number => realPerformance.now();
const cpuNow = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
// The game calls `performance.now()` for its start time and every 4096 nodes.
Object.defineProperty(globalThis, 'performance', {
  value: { now: (): number => (clock === 'cpu' ? cpuNow() : wallNow()) },
  configurable: true,
  writable: true,
});

const START = 'W' + 'b'.repeat(20) + 'e'.repeat(10) + 'w'.repeat(20);
let level: Level = 'hard';
let replaced = 0; // moves the game chose that FMJD rules forbid, this process
let position = parsePosition(START) as Position;
const log = process.env['GAME_HUB_LOG'] ?? '';

const think = (): void => {
  const config = DIFFICULTY_CONFIGS[level]!;
  const t0 = wallNow();
  const c0 = cpuNow();
  const result = findBestMove(position.board, position.turn, config);
  const ms = wallNow() - t0;
  const cpuMs = cpuNow() - c0;
  if (result === null) {
    out('error message="no legal move"');
    out('done');
    return;
  }
  const chosen = hubMove(result.move);
  const replacement = legalReplacement(position, chosen, config.evalFeatureScale);
  const move = replacement ?? chosen;
  if (replacement !== null) {
    replaced++;
    out(`info message="the game chose ${chosen}, which FMJD rules forbid; playing ${replacement} (${replaced} so far)"`);
  }
  const nps = ms > 0 ? result.nodesEvaluated / ms / 1000 : 0;
  out(
    `info depth=${result.depthReached} score=${scoreText(result.score)} nodes=${result.nodesEvaluated}` +
      ` time=${(ms / 1000).toFixed(3)} nps=${nps.toFixed(2)} pv="${move}"`,
  );
  if (log !== '') {
    appendFileSync(
      log,
      `level=${level} clock=${clock} depth=${result.depthReached} max-depth=${config.maxDepth}` +
        ` wall-ms=${ms.toFixed(1)} cpu-ms=${cpuMs.toFixed(1)} limit-ms=${config.timeLimitMs}` +
        ` nodes=${result.nodesEvaluated} move=${move}` +
        (replacement !== null ? ` replaced=${chosen}` : '') +
        '\n',
    );
  }
  out(`done move=${move}`);
};

const handle = (line: string): boolean => {
  const { command, args } = parseLine(line);
  switch (command) {
    case 'hub':
      out('id name="International-draughts TS engine" version=snapshot author="wouternijenhuis" country=Netherlands');
      out(`param name=level value=${level} type=enum values="${LEVELS.join(' ')}"`);
      out(`param name=clock value=${clock} type=enum values="${CLOCKS.join(' ')}"`);
      out('wait');
      break;
    case 'set-param': {
      const name = args.get('name') ?? '';
      const value = (args.get('value') ?? '').toLowerCase();
      if (name === 'level' && (LEVELS as readonly string[]).includes(value)) level = value as Level;
      else if (name === 'clock' && (CLOCKS as readonly string[]).includes(value)) clock = value as ClockKind;
      else if (name === 'level' || name === 'clock') {
        out(`error message="${name} must be one of ${(name === 'level' ? LEVELS : CLOCKS).join(' ')}"`);
      } else out(`error message="unknown parameter ${name}"`);
      break;
    }
    case 'init':
      out('ready');
      break;
    case 'ping':
      out('pong');
      break;
    case 'pos': {
      const parsed = parsePosition(args.get('pos') ?? START);
      if (typeof parsed === 'string') {
        out(`error message="bad position: ${parsed}"`);
        break;
      }
      for (const m of (args.get('moves') ?? '').split(/\s+/).filter((t) => t !== '')) {
        const error = playHubMove(parsed, m);
        if (error !== null) {
          out(`error message="${error}"`);
          return true;
        }
      }
      position = parsed;
      break;
    }
    case 'go':
      think();
      break;
    case 'quit':
      return false;
    default:
      // new-game (nothing carries over: the app builds a fresh table every
      // move), level (ignored: see the top), stop (the search has ended).
      break;
  }
  return true;
};

// The referee gone (a closed pipe) ends the engine quietly.
process.stdout.on('error', () => process.exit(0));
const input = createInterface({ input: process.stdin, terminal: false });
input.on('line', (line) => {
  if (!handle(line)) {
    input.close();
    process.exit(0);
  }
});
input.on('close', () => process.exit(0));
