#ifndef CD2LMATH_H
#define CD2LMATH_H

/// Correctly rounded square roots that the compiler turns into the hardware instruction and
/// vectorizes: unlike libm's `sqrt`, they never set `errno`, so a loop calling them has no
/// scalar fallback branch.
static inline float d2l_sqrtf(float x) { return __builtin_elementwise_sqrt(x); }
static inline double d2l_sqrt(double x) { return __builtin_elementwise_sqrt(x); }

#endif
