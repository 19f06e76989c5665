// The endgame database as a caller buffer in the browser: a file written by
// the native `tempo egdb build` (3 pieces, in this run), read as bytes and
// passed in; its values through tempo.wasm are the native probe's, and a
// search through the worker service uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, loadTempo, nativeBuild, wasmBytes } from './helpers.mjs';

const tempo = await loadTempo();
const { TempoService } = await api();
const tool = path.join(nativeBuild, 'tempo');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tempo-egdb-'));
execFileSync(tool, ['egdb', 'build', '--pieces', '3', '--out', dir], { stdio: 'pipe' });
const file = fs.readdirSync(dir).find((f) => f.endsWith('.egdb'));
const egdb = fs.readFileSync(path.join(dir, file)); // what fetch(...).arrayBuffer() gives a page
const positions = ['W:WK46,K50:BK5', 'W:WK28:BK3', 'B:WK28,33:BK3', 'W:W28:BK3', 'B:W40:B11,K23'];

test('probes: the same values as the native build, root and every move', () => {
  const info = tempo.egdbInfo(egdb);
  assert.deepEqual([info.status, info.maxPieces], [0, 3]);
  const flip = { win: 'loss', loss: 'win', draw: 'draw' };
  for (const fen of positions) {
    const native = execFileSync(tool, ['egdb', 'probe', '--fen', fen, '--egdb', dir], { encoding: 'utf8' });
    const root = native.match(/: (win|draw|loss) for/)[1];
    assert.equal(tempo.egdbProbe(egdb, fen), root, fen);
    const pos = tempo.positionFromFen(fen);
    for (const [, move, value] of native.matchAll(/^ +(\S+) (win|draw|loss)$/gm)) {
      const after = tempo.play(pos, tempo.parseMove(pos, move));
      assert.equal(flip[tempo.egdbProbe(egdb, after)], value, `${fen} ${move}`);
    }
  }
  assert.equal(tempo.egdbProbe(egdb, 'W:W31-50:B1-20'), null);
});

test('a search through the worker service uses the database', async () => {
  const service = await TempoService.node({ wasm: new WebAssembly.Module(wasmBytes()) });
  try {
    service.setEndgameDatabase(egdb.buffer.slice(egdb.byteOffset, egdb.byteOffset + egdb.byteLength));
    const fen = 'W:WK46,K50:BK5';
    const r = await service.search(fen, { level: 'expert', depth: 3 }, new ArrayBuffer(4 << 20));
    // Only the 50 king's moves keep the win (46's draw): the database decides.
    const after = tempo.play(fen, r.move);
    assert.equal(tempo.egdbProbe(egdb, after), 'loss', `${r.move.from}-${r.move.to}`);
    assert.ok(r.score > 0);
  } finally {
    service.close();
    fs.rmSync(dir, { recursive: true });
  }
});
