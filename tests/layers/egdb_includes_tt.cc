// Must not compile: the endgame database layer sees no table headers.
#include "tt/table.h"
