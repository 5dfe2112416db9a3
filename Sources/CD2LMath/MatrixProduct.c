#include "CD2LMath.h"

#include <stdlib.h>
#include <string.h>

// Products are rounded before they are added, as the Swift loops they replace round them: no
// multiply and add may be fused, whatever the instruction set.
#pragma STDC FP_CONTRACT OFF

// A panel of packed B, 16 KiB, stays in the first-level cache while the panels of A pass it;
// a block of packed A (PRODUCT_BLOCK_ROWS rows) stays in the second-level cache; a block of
// packed B (PRODUCT_BLOCK_PANELS panels, 512 KiB) in the second or third. The buffer of a
// thread therefore never exceeds 1 MiB.
#define PRODUCT_BLOCK_BYTES 16384
#define PRODUCT_BLOCK_ROWS 192
#define PRODUCT_BLOCK_PANELS 32

#if defined(__x86_64__)

// AVX-512: 32 registers hold a tile of 6 rows × 4 vectors and its operands.
#define PRODUCT_TARGET __attribute__((target("avx512f")))
#define PRODUCT_ROWS 6
#define PRODUCT_VECTORS 4
#define PRODUCT_SCALAR float
#define PRODUCT_LANES 16
#define PRODUCT_NAME product_float_avx512
#include "MatrixProductKernel.h"
#undef PRODUCT_SCALAR
#undef PRODUCT_LANES
#undef PRODUCT_NAME
#define PRODUCT_SCALAR double
#define PRODUCT_LANES 8
#define PRODUCT_NAME product_double_avx512
#include "MatrixProductKernel.h"
#undef PRODUCT_SCALAR
#undef PRODUCT_LANES
#undef PRODUCT_NAME
#undef PRODUCT_TARGET
#undef PRODUCT_ROWS
#undef PRODUCT_VECTORS

// AVX: 16 registers hold a tile of 6 rows × 2 vectors and its operands.
#define PRODUCT_TARGET __attribute__((target("avx")))
#define PRODUCT_ROWS 6
#define PRODUCT_VECTORS 2
#define PRODUCT_SCALAR float
#define PRODUCT_LANES 8
#define PRODUCT_NAME product_float_avx
#include "MatrixProductKernel.h"
#undef PRODUCT_SCALAR
#undef PRODUCT_LANES
#undef PRODUCT_NAME
#define PRODUCT_SCALAR double
#define PRODUCT_LANES 4
#define PRODUCT_NAME product_double_avx
#include "MatrixProductKernel.h"
#undef PRODUCT_SCALAR
#undef PRODUCT_LANES
#undef PRODUCT_NAME
#undef PRODUCT_TARGET
#undef PRODUCT_ROWS
#undef PRODUCT_VECTORS

#endif

// The baseline of every target (SSE2 on x86_64, NEON on arm64): 16-byte vectors, a tile of
// 4 rows × 2 vectors.
#define PRODUCT_TARGET
#define PRODUCT_ROWS 4
#define PRODUCT_VECTORS 2
#define PRODUCT_SCALAR float
#define PRODUCT_LANES 4
#define PRODUCT_NAME product_float_baseline
#include "MatrixProductKernel.h"
#undef PRODUCT_SCALAR
#undef PRODUCT_LANES
#undef PRODUCT_NAME
#define PRODUCT_SCALAR double
#define PRODUCT_LANES 2
#define PRODUCT_NAME product_double_baseline
#include "MatrixProductKernel.h"
#undef PRODUCT_SCALAR
#undef PRODUCT_LANES
#undef PRODUCT_NAME
#undef PRODUCT_TARGET
#undef PRODUCT_ROWS
#undef PRODUCT_VECTORS

/// This thread's packing buffer, grown to `bytes` (64-byte aligned), or NULL if it cannot be.
static void *product_buffer(size_t bytes) {
    static _Thread_local void *buffer;
    static _Thread_local size_t capacity;
    if (bytes > capacity) {
        free(buffer);
        size_t rounded = (bytes + 63) / 64 * 64;
        buffer = aligned_alloc(64, rounded);
        capacity = buffer == NULL ? 0 : rounded;
    }
    return buffer;
}

#if defined(__x86_64__)
#define PRODUCT_WIDE_CASES(scalar, ...)                                                                            \
    case D2L_INSTRUCTION_SET_AVX512_VBMI:                                                                          \
    case D2L_INSTRUCTION_SET_AVX512:                                                                               \
        PRODUCT_RUN(scalar##_avx512, scalar, __VA_ARGS__);                                                         \
    case D2L_INSTRUCTION_SET_AVX:                                                                                  \
        PRODUCT_RUN(scalar##_avx, scalar, __VA_ARGS__);
#else
#define PRODUCT_WIDE_CASES(scalar, ...)
#endif

#define PRODUCT_RUN(instance, scalar, ...)                                                                         \
    do {                                                                                                           \
        scalar *buffer = product_buffer(product_##instance##_buffer_count(m, k, n) * sizeof(scalar));              \
        if (buffer == NULL) return 0;                                                                              \
        product_##instance(__VA_ARGS__, buffer);                                                                   \
        return 1;                                                                                                  \
    } while (0)

#define PRODUCT_DISPATCH(scalar, instruction_set, ...)                                                             \
    switch (d2l_available_instruction_set(instruction_set)) {                                                      \
        PRODUCT_WIDE_CASES(scalar, __VA_ARGS__)                                                                    \
    default:                                                                                                       \
        PRODUCT_RUN(scalar##_baseline, scalar, __VA_ARGS__);                                                       \
    }

int d2l_multiply_add_float(
    enum d2l_instruction_set instruction_set, size_t m, size_t k, size_t n,
    const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_column_stride,
    const float *b, ptrdiff_t b_row_stride, ptrdiff_t b_column_stride, float *c
) {
    PRODUCT_DISPATCH(float, instruction_set, m, k, n, a, a_row_stride, a_column_stride, b, b_row_stride, b_column_stride, c);
}

int d2l_multiply_add_double(
    enum d2l_instruction_set instruction_set, size_t m, size_t k, size_t n,
    const double *a, ptrdiff_t a_row_stride, ptrdiff_t a_column_stride,
    const double *b, ptrdiff_t b_row_stride, ptrdiff_t b_column_stride, double *c
) {
    PRODUCT_DISPATCH(double, instruction_set, m, k, n, a, a_row_stride, a_column_stride, b, b_row_stride, b_column_stride, c);
}
