#ifndef KNOTBOT_CSNOWBALL_SHIM_H
#define KNOTBOT_CSNOWBALL_SHIM_H
// Debian's libstemmer-dev installs its header at the top of /usr/include.
#include <libstemmer.h>
#endif
