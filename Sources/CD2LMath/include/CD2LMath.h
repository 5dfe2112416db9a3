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

/// The instruction sets of the matrix products, narrowest first. A product asked for one the
/// processor lacks runs on the widest it has.
enum d2l_instruction_set {
    /// The target's baseline: SSE2 on x86_64, NEON on arm64.
    D2L_INSTRUCTION_SET_BASELINE = 0,
    /// AVX on x86_64 (256-bit vectors).
    D2L_INSTRUCTION_SET_AVX = 1,
    /// AVX-512F on x86_64 (512-bit vectors, 32 registers).
    D2L_INSTRUCTION_SET_AVX512 = 2,
    /// The widest this processor has.
    D2L_INSTRUCTION_SET_WIDEST = D2L_INSTRUCTION_SET_AVX512,
};

/// `C ← C + A·B` for the row-major `m × n` matrix `c`, an `m × k` matrix A whose element
/// `(i, p)` is `a[i·a_row_stride + p·a_column_stride]` and a `k × n` matrix B whose element
/// `(p, j)` is `b[p·b_row_stride + j·b_column_stride]` (so either is read transposed in place).
///
/// Each element of C adds its `k` products one at a time in order of `p`, each product rounded
/// before the addition (no fused multiply-add), so the result equals the plain triple loop's
/// bit for bit on every instruction set. Cache-blocked and register-tiled on the vectors of
/// `instruction_set` (or of the widest the processor has, if it lacks that one). Returns 0,
/// having changed nothing, if its packing buffer (at most 1 MiB per thread, kept for the
/// thread's next call) cannot be allocated; else 1.
int d2l_multiply_add_float(
    enum d2l_instruction_set instruction_set, size_t m, size_t k, size_t n,
    const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_column_stride,
    const float *b, ptrdiff_t b_row_stride, ptrdiff_t b_column_stride, float *c
);

/// `d2l_multiply_add_float` for doubles.
int d2l_multiply_add_double(
    enum d2l_instruction_set instruction_set, size_t m, size_t k, size_t n,
    const double *a, ptrdiff_t a_row_stride, ptrdiff_t a_column_stride,
    const double *b, ptrdiff_t b_row_stride, ptrdiff_t b_column_stride, double *c
);

#endif
