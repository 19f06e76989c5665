// tempo.h compiles as C++ (-pedantic -Wall -Wextra -Werror) and links from C++.
#include "tempo.h"

#include <cstdio>

int main() {
  tempo_position pos{};
  pos.size = sizeof pos;
  if (tempo_position_start(&pos) != TEMPO_OK || pos.squares[31] != TEMPO_WHITE_MAN) {
    std::puts("0 passed, 1 failed");
    return 1;
  }
  std::puts("1 passed, 0 failed");
  return 0;
}
