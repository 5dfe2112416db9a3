#include "CD2LMath.h"

#include <stdatomic.h>
#include <string.h>

static enum d2l_instruction_set widest_instruction_set(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        int vbmi = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx512vbmi");
        return vbmi ? D2L_INSTRUCTION_SET_AVX512_VBMI : D2L_INSTRUCTION_SET_AVX512;
    }
    if (__builtin_cpu_supports("avx")) return D2L_INSTRUCTION_SET_AVX;
#endif
    return D2L_INSTRUCTION_SET_BASELINE;
}

enum d2l_instruction_set d2l_available_instruction_set(enum d2l_instruction_set wanted) {
    // Every thread that finds it unset detects the same value, so a relaxed store suffices.
    static _Atomic int widest = -1;
    int known = atomic_load_explicit(&widest, memory_order_relaxed);
    if (known < 0) {
        known = (int)widest_instruction_set();
        atomic_store_explicit(&widest, known, memory_order_relaxed);
    }
    return (int)wanted < known ? wanted : (enum d2l_instruction_set)known;
}

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
