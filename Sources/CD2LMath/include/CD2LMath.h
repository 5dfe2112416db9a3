#ifndef CD2LMATH_H
#define CD2LMATH_H

#include <stddef.h>
#include <stdint.h>

/// Correctly rounded square roots that the compiler turns into the hardware instruction and
/// vectorizes: unlike libm's `sqrt`, they never set `errno`, so a loop calling them has no
/// scalar fallback branch.
static inline float d2l_sqrtf(float x) { return __builtin_elementwise_sqrt(x); }
static inline double d2l_sqrt(double x) { return __builtin_elementwise_sqrt(x); }

/// Whether this processor converts between half and single precision in hardware (x86_64:
/// F16C with AVX), which the baseline instruction set the package is compiled for lacks.
int d2l_has_half_conversion(void);

/// Widens `count` half-precision bit patterns into floats with the hardware conversion
/// (exact). Call only where `d2l_has_half_conversion()` is true.
void d2l_widen_halves(const uint16_t *source, float *destination, size_t count);

/// Narrows `count` floats into half-precision bit patterns with the hardware conversion,
/// rounding to nearest, ties to even. Call only where `d2l_has_half_conversion()` is true.
void d2l_narrow_floats(const float *source, uint16_t *destination, size_t count);

#endif
