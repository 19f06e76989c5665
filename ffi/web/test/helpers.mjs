// Shared by the tests: where things are, and tempo.wasm loaded from disk.
//   TEMPO_NATIVE_BUILD: the native Release build (tempo, tempo_web_native_table); default build/
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const packageDir = path.resolve(here, '..');
export const repoDir = path.resolve(packageDir, '../..');
export const distDir = path.join(packageDir, 'dist');
export const nativeBuild = path.resolve(repoDir, process.env.TEMPO_NATIVE_BUILD ?? 'build');

export const wasmBytes = () => fs.readFileSync(path.join(distDir, 'tempo.wasm'));

export async function loadTempo() {
  const { Tempo } = await import(path.join(distDir, 'index.js'));
  return Tempo.load(wasmBytes());
}

export async function api() {
  return import(path.join(distDir, 'index.js'));
}

/** data/bench.fen's positions. */
export function benchPositions() {
  return fs.readFileSync(path.join(repoDir, 'data/bench.fen'), 'utf8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim()).filter((l) => l.length > 0);
}

/** A stable digest of bytes, to show a buffer did not change. */
export async function digest(buffer) {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(new Uint8Array(buffer)).digest('hex');
}
