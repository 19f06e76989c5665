// The worker service on Node's worker_threads: a whole game played move by
// move with one table handed to the worker and back every move, moved and not
// copied (the sender's buffer is detached after postMessage); moveNow, cancel
// and pondering; bad input through a worker; the game's findBestMove adapter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, digest, loadTempo, wasmBytes } from './helpers.mjs';

const MiB4 = 4 << 20;
const { TempoService, TempoEngine, TempoError, nodeWorker, TABLE_FRESH, TABLE_REUSED } = await api();
const rules = await loadTempo();
const wasm = new WebAssembly.Module(wasmBytes()); // compiled once, cloned to every worker

// Every worker ends with its test, passed or failed (a live worker keeps Node running).
const open = [];
const track = (s) => { open.push(s); return s; };
test.afterEach(() => { while (open.length) open.pop().close(); });

test('a whole game, the table transferred to the worker and back every move', async () => {
  const service = track(await TempoService.node({ wasm }));
  assert.equal(service.stopBy, 'flag');
  const start = 'W:W31-50:B1-20';
  const history = [];
  let table = new ArrayBuffer(MiB4);
  let state = rules.gameStatus(start, history);
  const statuses = [];
  while (state.result === 'ongoing' && history.length < 400) {
    const sent = table;
    const pending = service.search(start, { level: 'medium', depth: 4, seed: history.length, history }, sent);
    // Moved, not copied: the sender's buffer is detached.
    assert.equal(sent.byteLength, 0, `ply ${history.length}: the sent table is detached`);
    const r = await pending;
    assert.equal(r.status, 'complete');
    assert.ok(r.table instanceof ArrayBuffer && r.table.byteLength === MiB4 && r.table !== sent);
    statuses.push(r.tableStatus);
    table = r.table;
    history.push(r.move);
    state = rules.gameStatus(start, history); // throws if the move were illegal
  }
  assert.notEqual(state.result, 'ongoing', `the game ended (${history.length} plies)`);
  assert.equal(statuses[0], TABLE_FRESH);
  assert.ok(statuses.slice(1).every((s) => s === TABLE_REUSED), `every later move reused the table: ${statuses}`);
  service.close();
});

test('moveNow answers at once with the best move so far; cancel makes answers stale', async () => {
  const service = track(await TempoService.node({ wasm }));
  let table = new ArrayBuffer(MiB4);
  const fen = 'W:W27,28,32,33,34,37,38,39,42,43,47,48:B7,8,9,12,13,14,17,18,19,22,23,24';
  let lines = 0;
  const long = service.search(fen, { level: 'expert', movetime: 60000, onProgress: () => lines++ }, table);
  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  service.moveNow();
  const r = await long;
  assert.ok(Date.now() - t0 < 1000, 'stopped promptly');
  assert.equal(r.status, 'cancelled');
  assert.ok(r.move && rules.legalMoves(fen).some((m) => m.from === r.move.from && m.to === r.move.to));
  assert.ok(lines > 0);
  table = r.table;
  assert.equal(table.byteLength, MiB4);
  // cancel: the running call and the queued one come back stale, tables with them.
  const queuedTable = new ArrayBuffer(MiB4);
  const a = service.search(fen, { level: 'expert', movetime: 60000 }, table);
  const b = service.search(fen, { level: 'expert', depth: 3 }, queuedTable);
  await new Promise((res) => setTimeout(res, 100));
  service.cancel();
  const [ra, rb] = await Promise.all([a, b]);
  assert.equal(ra.status, 'stale');
  assert.equal(rb.status, 'stale');
  assert.equal(rb.move, null);
  assert.equal(rb.table, queuedTable);
  // The service goes on; the table the cancelled search left is a valid one.
  const after = await service.search(fen, { level: 'expert', depth: 4 }, ra.table);
  assert.equal(after.status, 'complete');
  assert.equal(after.tableStatus, TABLE_REUSED);
  service.close();
});

test('pondering fills the table the next search reuses', async () => {
  const service = track(await TempoService.node({ wasm }));
  const fen = 'B:W27,28,32,33,34,37,38,39,42,43,47,48:B7,8,9,12,13,14,17,18,19,22,23,24';
  const pondering = service.ponder(fen, { level: 'hard' }, new ArrayBuffer(MiB4));
  await new Promise((r) => setTimeout(r, 300));
  service.stop();
  const p = await pondering;
  assert.ok(p.searched && p.nodes > 0 && p.table.byteLength === MiB4);
  const r = await service.search(fen, { level: 'hard', depth: 6 }, p.table);
  assert.equal(r.tableStatus, TABLE_REUSED);
  service.close();
});

test('without SharedArrayBuffer: moveNow terminates the worker, the caller keeps its table', async () => {
  const service = track(new TempoService({ wasm, worker: await nodeWorker(), stopBy: 'terminate' }));
  await service.whenReady();
  const table = new ArrayBuffer(MiB4);
  const warm = await service.search('W:W31-50:B1-20', { depth: 4 }, table);
  assert.notEqual(warm.table, table); // the worker searched a copy...
  assert.equal(table.byteLength, MiB4); // ...and the caller's table was never moved
  const kept = warm.table;
  const before = await digest(kept);
  const fen = 'W:W27,28,32,33,34,37,38,39,42,43,47,48:B7,8,9,12,13,14,17,18,19,22,23,24';
  const long = service.search(fen, { level: 'expert', movetime: 60000 }, kept);
  await new Promise((r) => setTimeout(r, 500));
  service.moveNow();
  const r = await long;
  assert.equal(r.status, 'cancelled');
  assert.ok(r.move && rules.legalMoves(fen).some((m) => m.from === r.move.from && m.to === r.move.to));
  assert.equal(r.table, kept);
  assert.equal(await digest(kept), before);
  await assert.rejects(service.ponder(fen, {}, kept), /cross-origin isolated/);
  // A new worker serves the next call.
  assert.equal((await service.search(fen, { depth: 3 }, kept)).status, 'complete');
  service.close();
});

test('bad input through a worker: a clear error that hands the table back intact', async () => {
  const service = track(await TempoService.node({ wasm }));
  const first = await service.search('W:W31-50:B1-20', { depth: 4 }, new ArrayBuffer(MiB4));
  const before = await digest(first.table);
  const err = await service.search('W:W31-50:Bx', { depth: 2 }, first.table).then(() => null, (e) => e);
  assert.ok(err instanceof TempoError && err.status === 7 && /W:W31-50:Bx/.test(err.message), String(err));
  assert.equal(await digest(err.table), before);
  await assert.rejects(service.search('W:W31-50:B1-20', {}, first.table), /detached/); // moved away above
  await assert.rejects(service.search('W:W31-50:B1-20', {}, new ArrayBuffer(10)), /at least 65536/);
  assert.equal((await service.search('W:W31-50:B1-20', { depth: 4 }, err.table)).tableStatus, TABLE_REUSED);
  service.close();
});

test("the game's findBestMove: its board, colours and rotated numbering, asynchronous", async () => {
  const engine = track(await TempoEngine.create({ wasm, worker: await nodeWorker() }));
  const man = (color) => ({ type: 'man', color });
  const board = Array.from({ length: 51 }, (_, s) => (s >= 1 && s <= 20 ? man('white') : s >= 31 ? man('black') : null));
  const hard = { name: 'Hard', maxDepth: 8, timeLimitMs: 2000, noiseAmplitude: 0, blunderProbability: 0, blunderMargin: 0 };
  const r = await engine.findBestMove(board, 'white', hard);
  assert.equal(r.move.type, 'quiet');
  // Game numbering: White's men stand on 1-20 and move up, to 21-25.
  assert.ok(r.move.from >= 16 && r.move.from <= 20 && r.move.to >= 21 && r.move.to <= 25, JSON.stringify(r.move));
  assert.ok(r.depthReached > 0 && r.nodesEvaluated > 0);
  // A capture comes back jump by jump: white man on game 23 (FMJD 28) takes 28 and 38 (FMJD 23, 13).
  const cap = Array(51).fill(null);
  cap[23] = man('white'); cap[28] = man('black'); cap[38] = man('black');
  const c = await engine.findBestMove(cap, 'white', hard);
  assert.deepEqual(c.move, { type: 'capture', steps: [{ from: 23, to: 32, captured: 28 }, { from: 32, to: 43, captured: 38 }] });
  // The history (the game's boards) reaches the search; no legal move is null.
  const after = [...board]; after[18] = null; after[23] = man('white');
  const r2 = await engine.findBestMove(after, 'black', hard, { history: [board, after] });
  assert.equal(r2.move.type, 'quiet');
  assert.equal(await engine.findBestMove(Array(51).fill(null).map((_, i) => (i === 30 ? man('black') : null)), 'white', hard), null);
  engine.close();
});
