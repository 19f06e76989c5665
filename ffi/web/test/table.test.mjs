// The same table bytes as native: a table written by libtempo.so (through
// the C ABI, tempo_web_native_table) loads in tempo.wasm and the other way
// round, and the same searches leave byte-identical tables in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { digest, loadTempo, nativeBuild } from './helpers.mjs';

const tempo = await loadTempo();
const MiB4 = 4 << 20;
const FEN = 'W:W27,28,32,33,34,37,38,39,42,43,47,48:B7,8,9,12,13,14,17,18,19,22,23,24';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tempo-tables-'));

function native(depth, tableIn, tableOut) {
  const out = execFileSync(path.join(nativeBuild, 'tempo_web_native_table'),
    [FEN, String(depth), tableIn ?? '-', tableOut], { encoding: 'utf8' });
  const m = out.match(/^tt_status (\d+) generation (\d+) nodes (\d+) move (\S+)$/m);
  assert.ok(m, out);
  return { ttStatus: Number(m[1]), generation: Number(m[2]), nodes: Number(m[3]), move: m[4],
    table: fs.readFileSync(tableOut) };
}
function wasm(depth, table) {
  const r = tempo.search(FEN, { level: 'expert', depth, params: { timeLimitMs: 0 } }, table);
  return { ttStatus: r.tableStatus, generation: tempo.tableInfo(table).generation, nodes: r.nodes,
    move: tempo.movePdn(FEN, r.move) };
}
const copy = (bytes) => new Uint8Array(bytes).slice().buffer;

test('native table -> wasm -> native: identical bytes and searches', async () => {
  // Both from zeros: the same search, the same table.
  const n1 = native(7, null, path.join(dir, 'n1'));
  const w1Table = new ArrayBuffer(MiB4);
  const w1 = wasm(7, w1Table);
  assert.deepEqual(w1, { ttStatus: n1.ttStatus, generation: n1.generation, nodes: n1.nodes, move: n1.move });
  assert.equal(await digest(w1Table), await digest(n1.table));

  // The native table in wasm: reused, and the same deeper search as natively.
  const fromNative = copy(n1.table);
  assert.equal(tempo.tableInfo(fromNative).status, 0);
  const w2 = wasm(8, fromNative);
  const n2 = native(8, path.join(dir, 'n1'), path.join(dir, 'n2'));
  assert.equal(w2.ttStatus, 0);
  assert.deepEqual(w2, { ttStatus: n2.ttStatus, generation: n2.generation, nodes: n2.nodes, move: n2.move });
  assert.equal(await digest(fromNative), await digest(n2.table));

  // The wasm table natively: reused, and the same search again.
  fs.writeFileSync(path.join(dir, 'w2'), new Uint8Array(fromNative));
  const n3 = native(9, path.join(dir, 'w2'), path.join(dir, 'n3'));
  const w3 = wasm(9, fromNative);
  assert.equal(n3.ttStatus, 0);
  assert.deepEqual(w3, { ttStatus: n3.ttStatus, generation: n3.generation, nodes: n3.nodes, move: n3.move });
  assert.equal(await digest(fromNative), await digest(n3.table));
  fs.rmSync(dir, { recursive: true });
});
