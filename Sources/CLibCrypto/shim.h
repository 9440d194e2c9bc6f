// Only the one-shot digests the precompiles need; OpenSSL 3 keeps these low-level entry points.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/ripemd.h>
