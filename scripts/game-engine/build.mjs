// Bundles hub-adapter.ts with the International-draughts game's own engine
// (frontend/src/lib/engine of a snapshot of the game) into one Node program.
//
//   node build.mjs SOURCE [OUT_DIR] [REV]
//
// SOURCE: a checkout of the game, its frontend/src/lib/engine folder, or a
// bare git directory (a mirror), from which REV (default HEAD) is exported
// with `git archive`. OUT_DIR (default build/game-engine at the top of the
// Tempo tree) receives game-hub.mjs, the exported engine (for a bare git
// directory) and SNAPSHOT, naming what was built. Nothing is written into
// the source tree: the game's code is read at build time and never
// committed. Run it as `tempo match --engine2="node OUT_DIR/game-hub.mjs"`.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const ENGINE = 'frontend/src/lib/engine';

const fail = (message) => {
  process.stderr.write(`build.mjs: ${message}\n`);
  process.exit(2);
};

const [source, outArg, rev = 'HEAD'] = process.argv.slice(2);
if (!source) fail('usage: node build.mjs SOURCE [OUT_DIR] [REV] (SOURCE: a checkout of the game or a bare git mirror)');
const src = resolve(source);
const outDir = resolve(outArg ?? join(here, '..', '..', 'build', 'game-engine'));
if (outDir === here || outDir.startsWith(here + '/')) fail(`${outDir} is inside the source tree; pick a build folder`);
if (!existsSync(src)) fail(`${src} does not exist`);

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
mkdirSync(outDir, { recursive: true });

let engineDir;
let snapshot;
const isBareGit = existsSync(join(src, 'objects')) && existsSync(join(src, 'HEAD')) && !existsSync(join(src, ENGINE));
if (isBareGit) {
  // A mirror: export the engine folder of REV into OUT_DIR/snapshot.
  const commit = git('--git-dir', src, 'rev-parse', '--verify', `${rev}^{commit}`);
  const snapDir = join(outDir, 'snapshot');
  rmSync(snapDir, { recursive: true, force: true });
  mkdirSync(snapDir, { recursive: true });
  const tar = execFileSync('git', ['--git-dir', src, 'archive', commit, ENGINE], { maxBuffer: 64 << 20 });
  execFileSync('tar', ['-x', '-C', snapDir], { input: tar });
  engineDir = join(snapDir, ENGINE);
  snapshot = `${src} ${commit}`;
} else {
  engineDir = existsSync(join(src, ENGINE)) ? join(src, ENGINE) : src;
  let commit = 'unknown (not a git checkout)';
  try {
    commit = git('-C', engineDir, 'rev-parse', 'HEAD');
    if (git('-C', engineDir, 'status', '--porcelain', '--', '.') !== '') commit += ' (with local changes)';
  } catch {
    // not a git checkout: keep "unknown"
  }
  snapshot = `${engineDir} ${commit}`;
}
for (const f of ['index.ts', 'ai/search.ts', 'ai/difficulty.ts']) {
  if (!existsSync(join(engineDir, f))) fail(`${engineDir} has no ${f}: not the game's engine folder (${ENGINE})`);
}

// Type-check the adapter against this snapshot's own types first, so a change
// in the game's engine API fails here with the compiler's message, not in a match.
const tsconfig = join(outDir, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify(
    {
      extends: join(here, 'tsconfig.json'),
      compilerOptions: {
        paths: { 'game-engine': [join(engineDir, 'index.ts')] },
        typeRoots: [join(here, 'node_modules', '@types')],
      },
      files: [join(here, 'hub-adapter.ts')],
    },
    null,
    2,
  ),
);
try {
  execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
} catch {
  fail(`hub-adapter.ts does not type-check against ${engineDir} (tsc output above)`);
}

const outfile = join(outDir, 'game-hub.mjs');
await esbuild.build({
  entryPoints: [join(here, 'hub-adapter.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  outfile,
  alias: { 'game-engine': join(engineDir, 'index.ts') },
  logLevel: 'warning',
});
writeFileSync(join(outDir, 'SNAPSHOT'), `${snapshot}\n`);
process.stdout.write(`${outfile}\n`);
