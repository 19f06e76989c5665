/* Searches the start position with the installed libtempo.so (pkg-config). */
#include <stdio.h>
#include <string.h>

#include <tempo.h>

int main(void) {
  tempo_position start;
  tempo_search_request request;
  static tempo_search_result result;
  char error[200];
  memset(&start, 0, sizeof start);
  start.size = sizeof start;
  if (tempo_position_start(&start) != TEMPO_OK) return 1;
  memset(&request, 0, sizeof request);
  request.size = sizeof request;
  request.level = TEMPO_LEVEL_EXPERT;
  request.start = &start;
  request.move_size = sizeof(tempo_move);
  request.depth = 4;
  result.size = sizeof result;
  if (tempo_search(&request, NULL, 0, &result, error, sizeof error) != TEMPO_OK) {
    fprintf(stderr, "%s\n", error);
    return 1;
  }
  printf("abi %u bestmove %d-%d pv %s\n", tempo_abi_version(), result.best_move.from, result.best_move.to, result.pv);
  return 0;
}
