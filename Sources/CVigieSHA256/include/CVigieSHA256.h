#ifndef CVIGIESHA256_H
#define CVIGIESHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of FIPS 180-4, section 4.2.2.
extern const uint32_t vigie_sha256_k[64];

/// Whether this processor has the SHA extensions (and the SSSE3 and SSE4.1 they are used
/// with): x86-64 only; 0 elsewhere.
int vigie_sha256_hw_available(void);

/// Compresses `blocks` 64-byte blocks at `data` into `state` (the eight words of FIPS 180-4,
/// a first), with the SHA extensions. Only call when `vigie_sha256_hw_available()` is 1.
void vigie_sha256_hw_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
