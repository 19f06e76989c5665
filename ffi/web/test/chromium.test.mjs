// The worker service in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core over the DevTools protocol): a real page served from a
// localhost server, a real module Web Worker, a whole game with the table
// transferred every move. Served cross-origin isolated (COOP + COEP), the
// service stops searches through a SharedArrayBuffer flag; served without,
// by terminating the worker. The moves are checked here, in Node, against
// the rules (no screenshots).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadTempo, packageDir } from './helpers.mjs';

const rules = await loadTempo();
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.map': 'application/json' };

function serve(isolated) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const rel = url.pathname === '/' ? 'test/browser/index.html'
      : url.pathname.startsWith('/dist/') ? url.pathname.slice(1) : `test/browser${url.pathname}`;
    const file = path.join(packageDir, path.normalize(rel));
    if (!file.startsWith(packageDir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' };
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    res.writeHead(200, headers).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runPage(isolated, query = '') {
  const server = await serve(isolated);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tempo-chromium-'));
  // (playwright passes --user-data-dir itself for a persistent context.)
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TEMPO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const logs = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('pageerror', (e) => logs.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/${query}`);
    await page.waitForFunction(() => globalThis.tempoRun !== undefined, null, { timeout: 240000 });
    const run = await page.evaluate(() => globalThis.tempoRun);
    assert.equal(run.error, null, `${run.error}\n${logs.join('\n')}`);
    return run;
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

function checkGame(run) {
  const start = 'W:W31-50:B1-20';
  // Every move legal in turn, and the game played to its end.
  const state = rules.gameStatus(start, run.moves);
  assert.notEqual(state.result, 'ongoing', `the game ended after ${run.moves.length} plies`);
  assert.ok(run.moves.length >= 20);
  assert.ok(run.tableStatus.slice(1).every((s) => s === 0), 'every later move reused the table');
  const m = run.moveNow;
  assert.equal(m.status, 'cancelled');
  assert.ok(m.ms < 1500, `moveNow answered in ${m.ms} ms`);
  assert.ok(rules.legalMoves(m.fen).some((l) => l.from === m.move.from && l.to === m.move.to));
  assert.equal(m.tableBytes, 4 << 20);
  assert.deepEqual(run.badFen, { isTempoError: true, status: 7, message: run.badFen.message, tableBytes: 4 << 20 });
  assert.match(run.badFen.message, /W:W31-50:Bx/);
}

test('cross-origin isolated page: flag stops, every table moved with zero copies', async () => {
  const run = await runPage(true);
  assert.equal(run.coi, true);
  assert.equal(run.stopBy, 'flag');
  assert.ok(run.detached.every(Boolean), 'the sent table was detached on every move');
  checkGame(run);
});

test('page without isolation: moveNow terminates the worker, the caller keeps its table', async () => {
  const run = await runPage(false);
  assert.equal(run.coi, false);
  assert.equal(run.stopBy, 'terminate');
  assert.ok(run.detached.every((d) => !d), 'the worker searched a copy; the caller kept its table');
  checkGame(run);
});
