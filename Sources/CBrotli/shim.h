#ifndef LOOKBACK_CBROTLI_SHIM_H
#define LOOKBACK_CBROTLI_SHIM_H
#include <brotli/decode.h>
#endif
