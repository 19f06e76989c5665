/* The native side of the table interchange test (ffi/web/test/table.test.mjs):
 * searches a FEN to a fixed depth through libtempo.so's C ABI on a table read
 * from a file (or all zeros), writes the table back, and prints what the
 * search found, so the test can hand tables between this build and tempo.wasm
 * and compare both ways.
 *
 * Usage: tempo_web_native_table <fen> <depth> <table in or -> <table out>
 * Prints: tt_status <s> generation <g> nodes <n> move <pdn> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tempo.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s <fen> <depth> <table in or -> <table out>\n", argv[0]);
    return 2;
  }
  size_t len = TEMPO_TABLE_DEFAULT_BYTES;
  uint8_t* table = calloc(1, len);
  if (!table) return 1;
  if (strcmp(argv[3], "-") != 0) {
    FILE* in = fopen(argv[3], "rb");
    if (!in || fread(table, 1, len, in) != len) {
      fprintf(stderr, "%s: cannot read %zu bytes from %s\n", argv[0], len, argv[3]);
      return 2;
    }
    fclose(in);
  }
  char err[256];
  tempo_position start = {.size = sizeof(tempo_position)};
  if (tempo_position_from_fen(argv[1], &start, err, sizeof err) != TEMPO_OK) {
    fprintf(stderr, "%s: %s\n", argv[0], err);
    return 2;
  }
  tempo_search_request req = {.size = sizeof(tempo_search_request)};
  req.level = TEMPO_LEVEL_EXPERT;
  req.start = &start;
  req.move_size = sizeof(tempo_move);
  req.depth = atoi(argv[2]);
  req.overrides = TEMPO_OVERRIDE_TIME_LIMIT; /* time_limit_ms 0: fixed work */
  static tempo_search_result result;
  result.size = sizeof result;
  if (tempo_search(&req, table, len, &result, err, sizeof err) != TEMPO_OK) {
    fprintf(stderr, "%s: %s\n", argv[0], err);
    return 1;
  }
  tempo_table_info info = {.size = sizeof info};
  if (tempo_table_get_info(table, len, &info) != TEMPO_OK) return 1;
  char move[TEMPO_MOVE_TEXT] = "none";
  if (result.has_move) tempo_move_to_pdn(&start, &result.best_move, move, sizeof move, NULL);
  FILE* out = fopen(argv[4], "wb");
  if (!out || fwrite(table, 1, len, out) != len || fclose(out) != 0) {
    fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[4]);
    return 1;
  }
  printf("tt_status %d generation %u nodes %llu move %s\n", result.tt_status, info.generation,
         (unsigned long long)result.nodes, move);
  free(table);
  return 0;
}
