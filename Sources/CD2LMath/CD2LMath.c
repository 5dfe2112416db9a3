#include "CD2LMath.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

int d2l_has_half_conversion(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx") && __builtin_cpu_supports("f16c");
}

// Eight elements per instruction; a last partial group goes through a small buffer, so no
// element past `count` is read or written.

__attribute__((target("avx,f16c")))
void d2l_widen_halves(const uint16_t *source, float *destination, size_t count) {
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        _mm256_storeu_ps(destination + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(source + i))));
    }
    if (i < count) {
        uint16_t halves[8] = {0};
        float floats[8];
        memcpy(halves, source + i, (count - i) * sizeof *halves);
        _mm256_storeu_ps(floats, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)halves)));
        memcpy(destination + i, floats, (count - i) * sizeof *floats);
    }
}

__attribute__((target("avx,f16c")))
void d2l_narrow_floats(const float *source, uint16_t *destination, size_t count) {
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m128i halves = _mm256_cvtps_ph(_mm256_loadu_ps(source + i), _MM_FROUND_TO_NEAREST_INT);
        _mm_storeu_si128((__m128i *)(destination + i), halves);
    }
    if (i < count) {
        float floats[8] = {0};
        uint16_t halves[8];
        memcpy(floats, source + i, (count - i) * sizeof *floats);
        _mm_storeu_si128((__m128i *)halves, _mm256_cvtps_ph(_mm256_loadu_ps(floats), _MM_FROUND_TO_NEAREST_INT));
        memcpy(destination + i, halves, (count - i) * sizeof *halves);
    }
}

#else

int d2l_has_half_conversion(void) { return 0; }

void d2l_widen_halves(const uint16_t *source, float *destination, size_t count) {
    (void)source;
    (void)destination;
    (void)count;
}

void d2l_narrow_floats(const float *source, uint16_t *destination, size_t count) {
    (void)source;
    (void)destination;
    (void)count;
}

#endif
