// Must not compile: the rules layer sees no table headers.
#include "tt/table.h"
