#ifndef LOOKBACK_CCRYPTO_SHIM_H
#define LOOKBACK_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only (the one-shot SHA256(), not deprecated in OpenSSL 3). */
#include <openssl/sha.h>
#endif
