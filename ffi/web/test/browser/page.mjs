// Runs in headless Chromium (test/chromium.test.mjs): a real page drives a
// real module Web Worker through TempoService. It plays a whole game, the
// table transferred every move, and records what happened in window.tempoRun
// for the test to check (no screenshots).
import { Tempo, TempoService, TempoError } from '/dist/index.js';

const MiB4 = 4 << 20;
const run = { coi: globalThis.crossOriginIsolated === true, stopBy: '', moves: [], detached: [], tableStatus: [],
  moveNow: null, badFen: null, error: null };

try {
  const wasm = new URL('/dist/tempo.wasm', location.href).href;
  const rules = await Tempo.load(wasm); // on the page: game status only
  const service = new TempoService({ wasm });
  await service.whenReady();
  run.stopBy = service.stopBy;
  const start = 'W:W31-50:B1-20';
  let table = new ArrayBuffer(MiB4);
  for (let ply = 0; ply < 400; ply++) {
    const sent = table;
    const pending = service.search(start, { level: 'medium', depth: 4, seed: ply, history: run.moves }, sent);
    run.detached.push(sent.byteLength === 0);
    const r = await pending;
    table = r.table;
    if (!r.move) break; // the side to move has lost
    run.tableStatus.push(r.tableStatus);
    run.moves.push(r.move);
    if (rules.gameStatus(start, run.moves).result !== 'ongoing') break;
    if (ply >= 20 && new URLSearchParams(location.search).has('short')) break;
  }
  // moveNow: a long search stopped after 300 ms answers with a move.
  const fen = 'W:W27,28,32,33,34,37,38,39,42,43,47,48:B7,8,9,12,13,14,17,18,19,22,23,24';
  const long = service.search(fen, { level: 'expert', movetime: 60000 }, table);
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  service.moveNow();
  const stopped = await long;
  run.moveNow = { fen, status: stopped.status, move: stopped.move, ms: performance.now() - t0,
    tableBytes: stopped.table.byteLength };
  table = stopped.table;
  // A bad FEN: a TempoError, and the table handed back intact.
  const err = await service.search('W:W31-50:Bx', { depth: 2 }, table).then(() => null, (e) => e);
  run.badFen = { isTempoError: err instanceof TempoError, status: err?.status, message: String(err?.message),
    tableBytes: err?.table?.byteLength ?? 0 };
  service.close();
} catch (e) {
  run.error = String(e?.stack ?? e);
}
globalThis.tempoRun = run;
document.getElementById('status').textContent = 'done';
