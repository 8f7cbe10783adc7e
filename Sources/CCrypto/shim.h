#ifndef LOOKBACK_CCRYPTO_SHIM_H
#define LOOKBACK_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only: the one-shot SHA256() and, for bytes that come in pieces, the EVP
   digest calls (SHA256_Init/Update/Final are deprecated in OpenSSL 3). */
#include <openssl/sha.h>
#include <openssl/evp.h>
#endif
