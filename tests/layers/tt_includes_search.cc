// Must not compile: the table layer sees no search headers.
#include "search/search.h"
