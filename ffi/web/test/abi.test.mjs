// The C ABI's behaviour through tempo.wasm, against the native build of the
// same sources in the same run: fixed-depth searches of data/bench.fen give
// the same moves, scores and node counts as `tempo bench`, perft the same
// counts as `tempo perft`; bad input gives a clear error and leaves the
// caller's table as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { api, benchPositions, digest, loadTempo, nativeBuild, repoDir, wasmBytes } from './helpers.mjs';

const DEPTH = Number(process.env.TEMPO_WEB_DEPTH ?? 8);
const MiB4 = 4 << 20;
const tempo = await loadTempo();
const { TempoError, TABLE_FRESH, TABLE_REUSED, WHITE, BLACK } = await api();

test('fixed-depth searches: the same moves, scores and node counts as the native build', () => {
  const native = execFileSync(path.join(nativeBuild, 'tempo'), ['bench', '--depth', String(DEPTH)],
    { cwd: repoDir, encoding: 'utf8' });
  const expected = [...native.matchAll(/^position +(\d+) depth (\d+) score (\S+) nodes (\d+) .*bestmove (\S+)$/gm)];
  const fens = benchPositions();
  assert.equal(expected.length, fens.length, `tempo bench printed ${expected.length} positions`);
  let total = 0;
  fens.forEach((fen, i) => {
    const [, , depth, score, nodes, move] = expected[i];
    // tempo bench: full strength (Expert), no time cap, a fresh 4 MiB table per position.
    const r = tempo.search(fen, { level: 'expert', depth: DEPTH, params: { timeLimitMs: 0 } }, new ArrayBuffer(MiB4));
    const got = { depth: r.depth, score: r.scoreText, nodes: r.nodes, move: r.move ? tempo.movePdn(fen, r.move) : 'none' };
    assert.deepEqual(got, { depth: Number(depth), score, nodes: Number(nodes), move }, `position ${i + 1}: ${fen}`);
    assert.equal(r.tableStatus, TABLE_FRESH);
    total += r.nodes;
  });
  assert.ok(total > 10000, `${total} nodes`);
});

test('perft through legal moves and play: the same counts as tempo perft', () => {
  const perft = (pos, depth) => {
    const moves = tempo.legalMoves(pos);
    if (depth === 1) return moves.length;
    let n = 0;
    for (const m of moves) n += perft(tempo.play(pos, m), depth - 1);
    return n;
  };
  for (const [fen, depth] of [['W:W31-50:B1-20', 4], ['W:WK46,28:BK5,K23,19,12', 3]]) {
    const native = execFileSync(path.join(nativeBuild, 'tempo'), ['perft', '--depth', String(depth), '--fen', fen],
      { encoding: 'utf8' });
    const count = Number(native.match(new RegExp(`^perft ${depth} (\\d+) `, 'm'))[1]);
    assert.equal(perft(tempo.positionFromFen(fen), depth), count, fen);
  }
});

test('positions, moves and notation', () => {
  const start = tempo.startPosition();
  assert.equal(tempo.fen(start), 'W:W31-50:B1-20');
  assert.equal(tempo.legalMoves(start).length, 9);
  const m = tempo.parseMove(start, '32-28');
  assert.deepEqual([m.from, m.to, m.captured.length], [32, 28, 0]);
  assert.equal(tempo.movePdn(start, m), '32-28');
  // The app's rotated numbering: its White men on 1-20.
  const rotated = new Array(51).fill(0);
  for (let s = 1; s <= 20; s++) rotated[s] = 1;
  for (let s = 31; s <= 50; s++) rotated[s] = 2;
  const same = tempo.positionFromSquares(rotated, WHITE, 'rotated');
  assert.deepEqual([...same.squares], [...start.squares]);
  // A capture: path and the piece each jump takes.
  const cap = tempo.legalMoves('W:W28:B23,13');
  assert.equal(cap.length, 1);
  assert.deepEqual({ path: cap[0].path, order: cap[0].capturedInOrder }, { path: [28, 19, 8], order: [23, 13] });
  assert.equal(tempo.scoreText(29993), '+99.93');
});

test('draw rules through the history: threefold repetition', () => {
  const start = 'W:WK49:BK2';
  const cycle = ['49-43', '2-7', '43-49', '7-2'];
  const moves = [];
  let pos = tempo.positionFromFen(start);
  for (let i = 0; i < 8; i++) {
    const m = tempo.parseMove(pos, cycle[i % 4]);
    moves.push(m);
    pos = tempo.play(pos, m);
  }
  const state = tempo.gameStatus(start, moves);
  assert.equal(state.result, 'draw');
  assert.equal(state.drawRule, 'repetition');
  assert.equal(state.repetitions, 3);
  assert.equal(tempo.gameStatus(start, moves.slice(0, 4)).result, 'ongoing');
});

test('bad input: a clear error, and the caller\'s table as it was', async () => {
  const table = new ArrayBuffer(MiB4);
  const first = tempo.search('W:W31-50:B1-20', { depth: 4 }, table);
  assert.equal(first.table, table); // the same buffer, now holding the search's entries
  const before = await digest(table);
  const fails = (fn, status, text) => {
    assert.throws(fn, (e) => e instanceof TempoError && e.status === status && e.message.includes(text),
      `expected ${status} "${text}"`);
  };
  fails(() => tempo.search('W:W31-50:B1-2x', { depth: 2 }, table), 7, 'W:W31-50:B1-2x');
  fails(() => tempo.search('W:W31-50:B1-20', { depth: 2, history: [{ from: 32, to: 23 }] }, table), 8, 'history');
  fails(() => tempo.search('W:W31-50:B1-20', { depth: 200 }, table), 5, 'depth');
  fails(() => tempo.search('W:W31-50:B1-20', { depth: 2, params: { threads: 2 } }, table), 5, 'single-threaded');
  fails(() => tempo.search('W:W31-50:B1-20', { level: 'grandmaster' }, table), 5, 'level');
  fails(() => tempo.search('W:W31-50:B1-20', { params: { strength: 399 } }, table), 5, 'strength');
  assert.equal(await digest(table), before);
  // Garbage: refused, untouched; a table too small; a detached one.
  const garbage = new Uint8Array(MiB4).map((_, i) => (i * 7919) & 255).buffer;
  const g = await digest(garbage);
  fails(() => tempo.search('W:W31-50:B1-20', { depth: 2 }, garbage), 10, 'bad magic');
  assert.equal(await digest(garbage), g);
  fails(() => tempo.search('W:W31-50:B1-20', { depth: 2 }, new ArrayBuffer(1000)), -1, 'at least 65536');
  const moved = new ArrayBuffer(MiB4);
  structuredClone(moved, { transfer: [moved] });
  fails(() => tempo.search('W:W31-50:B1-20', { depth: 2 }, moved), -1, 'detached');
  // Asked for, garbage is searched as an empty table (the C ABI's way).
  assert.equal(tempo.search('W:W31-50:B1-20', { depth: 2, resetForeignTable: true }, garbage).tableStatus, 2);
  // And the table the errors left alone still carries the first search.
  assert.equal(tempo.search('W:W31-50:B1-20', { depth: 4 }, table).tableStatus, TABLE_REUSED);
});

test('exports: the C ABI of tempo.h and malloc/free; imports: no threads', () => {
  const header = fs.readFileSync(path.join(repoDir, 'ffi/include/tempo.h'), 'utf8');
  const api = [...header.matchAll(/^TEMPO_API [^(]*?\b(tempo_\w+)\(/gm)].map((m) => m[1]).sort();
  const mod = new WebAssembly.Module(wasmBytes());
  const functions = WebAssembly.Module.exports(mod).filter((e) => e.kind === 'function').map((e) => e.name);
  const runtime = new Set(['malloc', 'free', '__wasm_call_ctors', '__errno_location', 'stackSave', 'stackRestore',
    'stackAlloc', 'setThrew', 'emscripten_stack_init', 'emscripten_stack_get_free', 'emscripten_stack_get_base',
    'emscripten_stack_get_end', '__cxa_is_pointer_type', '__cxa_can_catch']);
  assert.deepEqual(functions.filter((n) => n.startsWith('tempo_')).sort(), api);
  assert.deepEqual(functions.filter((n) => !n.startsWith('tempo_') && !runtime.has(n)), []);
  const imports = WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`);
  assert.deepEqual(imports.filter((n) => /thread|atomic|futex|wait|notify/i.test(n)), []);
  assert.ok(api.length >= 20);
});

test('endgame database: a foreign buffer is said so, not an error', () => {
  const info = tempo.egdbInfo(new Uint8Array(64));
  assert.notEqual(info.status, 0);
  assert.equal(tempo.search('W:WK46,K50:BK5', { depth: 3, egdb: new Uint8Array(64) }).move !== null, true);
  assert.equal(BLACK, 1);
});

test('strength sets the ladder parameters at once; others given with it override them', () => {
  const weak = tempo.search('W:W31-50:B1-20', { params: { strength: 400, timeLimitMs: 0 } });
  assert.ok(weak.move && weak.nodes <= 1000, `strength 400: ${weak.nodes} nodes`);
  const capped = tempo.search('W:W31-50:B1-20', { params: { maxNodes: 40, strength: 400 } });
  assert.ok(capped.move && capped.nodes <= 40, `max_nodes given with strength: ${capped.nodes} nodes`);
});
