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

/// The vector instruction sets the C kernels are written for, narrowest first. A kernel asked
/// for one runs its widest form that is no wider and that this processor has; every form gives
/// the bits of the baseline one.
enum d2l_instruction_set {
    /// The target's baseline: SSE2 on x86_64, NEON on arm64.
    D2L_INSTRUCTION_SET_BASELINE = 0,
    /// AVX on x86_64 (256-bit vectors): the matrix products.
    D2L_INSTRUCTION_SET_AVX = 1,
    /// AVX-512F on x86_64 (512-bit vectors, 32 registers): the matrix products.
    D2L_INSTRUCTION_SET_AVX512 = 2,
    /// AVX-512 with byte and word lanes and byte permutes (BW, VL, VBMI): the block
    /// quantization kernels, whose table reads become in-register lookups.
    D2L_INSTRUCTION_SET_AVX512_VBMI = 3,
    /// The widest of them.
    D2L_INSTRUCTION_SET_WIDEST = D2L_INSTRUCTION_SET_AVX512_VBMI,
};

/// The widest instruction set at most `wanted` that this processor has (detected once).
enum d2l_instruction_set d2l_available_instruction_set(enum d2l_instruction_set wanted);

/// The first bucket of a magnitude's bits (`bits(2⁻²⁴) >> 15`) and the number of buckets up to 1.
enum { D2L_LOWEST_BUCKET = 103 << 8, D2L_BUCKET_COUNT = (127 << 8) - (103 << 8) + 1 };

/// A quantization map's tables, in the layouts the kernels read (built once per map by
/// ``d2l_code_tables_init``).
typedef struct {
    /// The map's 256 values, ascending.
    float values[256];
    /// The values, `T⁺` and `T⁻` (see ``d2l_quantize_nearest``), each as four planes of bytes
    /// (plane `b` holds byte `b` of every entry), for in-register lookups.
    uint8_t value_planes[4][256];
    uint8_t positive_planes[4][256];
    uint8_t negative_planes[4][256];
    /// Per binade `i` of `m` (exponent `e`, `i = max(e, 96) − 96`): the point splitting it in
    /// two pieces, and each piece's slope and offset of the first estimate of the code.
    float split[32];
    float slope[2][32];
    float offset[2][32];
    /// Bucket entries for the portable loop: `count | t << 16`, non-negative then negative.
    uint32_t buckets[2 * D2L_BUCKET_COUNT];
    /// The code of 0.
    int32_t zero_code;
} d2l_code_tables;

/// Fills `tables` from the map's values, thresholds (256 each, padded with +∞), bucket
/// entries (`2 * D2L_BUCKET_COUNT`), and the pieces' splits (32), slopes and offsets (64 each,
/// the lower pieces' first).
void d2l_code_tables_init(d2l_code_tables *tables, const float *values, const float *positive_thresholds,
                          const float *negative_thresholds, const uint32_t *buckets, const float *split,
                          const float *slope, const float *offset, int32_t zero_code);

/// The largest `|source[i]|` of `count` values, at least 0; NaN values do not count.
float d2l_absmax(const float *source, size_t count, enum d2l_instruction_set instruction_set);

/// `destination[i] = values[codes[i]] * absmax` for `count` codes.
void d2l_dequantize(const d2l_code_tables *tables, const uint8_t *codes, size_t count, float absmax,
                    float *destination, enum d2l_instruction_set instruction_set);

/// The nearest codes of `source[i] * inverse` for `count` values. With `v` the product,
/// `m = min(|v|, 1)` (1 for NaN) and `z` the code of 0, the code is `z + f⁺(m)` for `v ≥ 0` and
/// `max(z − f⁻(m), 0)` for `v < 0` (0 for NaN), `f±(m)` counting the thresholds `T±_j ≤ m`.
///
/// The portable loop reads `f` from the bucket of `m`'s bits (its count `c` and the low bits
/// `t` of the threshold inside it): `f = c + ((bits(m) & 0x7FFF) ≥ t)`. The vector loop
/// estimates it from the piece of `m`'s binade, `k = trunc(m · slope + offset)`, which is `f`
/// or `f − 1` for every `m` (checked when the tables are built), then looks the threshold up:
/// `f = k + (T[k] ≤ m)`.
void d2l_quantize_nearest(const d2l_code_tables *tables, const float *source, size_t count, float inverse,
                          uint8_t *codes, enum d2l_instruction_set instruction_set);

/// `C ← C + A·B` for the row-major `m × n` matrix `c`, an `m × k` matrix A whose element
/// `(i, p)` is `a[i·a_row_stride + p·a_column_stride]` and a `k × n` matrix B whose element
/// `(p, j)` is `b[p·b_row_stride + j·b_column_stride]` (so either is read transposed in place).
///
/// Each element of C adds its `k` products one at a time in order of `p`, each product rounded
/// before the addition (no fused multiply-add), so the result equals the plain triple loop's
/// bit for bit on every instruction set. Cache-blocked and register-tiled on the vectors of
/// `instruction_set` (see ``d2l_instruction_set``). Returns 0,
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
