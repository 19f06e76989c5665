// Must not compile: the endgame database layer sees only the rules below it.
#include "search/search.h"
