// Only the one-shot digests the precompiles need; OpenSSL 3 keeps these low-level entry points.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/ripemd.h>
// secp256r1 group arithmetic for P256VERIFY (EIP-7951).
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
