#ifndef LOOKBACK_CZLIB_SHIM_H
#define LOOKBACK_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2/inflateInit2 are macros Swift cannot call: typed wrappers. */
static inline int lb_deflateInit2(z_streamp s, int level, int windowBits, int memLevel) {
    return deflateInit2(s, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}
static inline int lb_inflateInit2(z_streamp s, int windowBits) { return inflateInit2(s, windowBits); }

#endif
