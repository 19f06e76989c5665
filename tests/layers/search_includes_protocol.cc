// Must not compile: the search layer sees no protocol headers.
#include "protocol/hub.h"
