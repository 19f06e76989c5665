// Must compile: the search layer sees the table and the rules below it.
#include "egdb/database.h"
#include "rules/game.h"
#include "search/search.h"
#include "tt/table.h"
