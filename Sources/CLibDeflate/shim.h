#ifndef LOOKBACK_CLIBDEFLATE_SHIM_H
#define LOOKBACK_CLIBDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
