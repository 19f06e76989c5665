// The struct layouts the package computes (src/layout.ts) against the
// compiler's: every offset and size becomes a _Static_assert, compiled for
// wasm32 with clang 14 (the compiler Debian's Emscripten 3.1.6 drives).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, repoDir } from './helpers.mjs';

test('struct layouts match tempo.h on wasm32', async () => {
  const { allLayouts } = await api();
  const lines = ['#include <stddef.h>', '#include "tempo.h"'];
  let checks = 0;
  for (const s of allLayouts) {
    lines.push(`_Static_assert(sizeof(${s.name}) == ${s.size}, "${s.name} size");`);
    for (const f of Object.values(s.fields)) {
      lines.push(`_Static_assert(offsetof(${s.name}, ${f.name}) == ${f.offset}, "${s.name}.${f.name}");`);
      checks++;
    }
  }
  // A wrong offset must fail: the check itself is checked.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tempo-layout-'));
  const compile = (text) => {
    fs.writeFileSync(path.join(dir, 'layout.c'), text);
    execFileSync('clang-14', ['--target=wasm32-unknown-emscripten', '-ffreestanding', '-fsyntax-only', '-std=c11',
      '-I', path.join(repoDir, 'ffi/include'), path.join(dir, 'layout.c')], { stdio: 'pipe' });
  };
  compile(lines.join('\n') + '\n');
  assert.ok(checks >= 90, `${checks} fields checked`);
  assert.throws(() => compile(lines.join('\n') + '\n_Static_assert(offsetof(tempo_search_request, egdb) == 148, "x");\n'));
  fs.rmSync(dir, { recursive: true });
});
