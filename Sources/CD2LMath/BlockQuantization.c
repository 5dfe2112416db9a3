#include "CD2LMath.h"

#include <string.h>

// The block quantization kernels: a portable loop, and an AVX-512 loop whose table reads are
// byte permutes within registers (gathers are slow on several processors). Both compute every
// element from the same products, so they give the same bits; `m · slope + offset` stays two
// roundings, never one fused multiply-add, as the tables were checked with it.
#pragma STDC FP_CONTRACT OFF

static inline uint32_t float_bits(float x) {
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

static void split_planes(const float *table, uint8_t planes[4][256]) {
    for (int entry = 0; entry < 256; entry++) {
        uint32_t bits = float_bits(table[entry]);
        for (int byte = 0; byte < 4; byte++) planes[byte][entry] = (uint8_t)(bits >> (8 * byte));
    }
}

void d2l_code_tables_init(d2l_code_tables *tables, const float *values, const float *positive_thresholds,
                          const float *negative_thresholds, const uint32_t *buckets, const float *split,
                          const float *slope, const float *offset, int32_t zero_code) {
    memcpy(tables->values, values, sizeof tables->values);
    split_planes(values, tables->value_planes);
    split_planes(positive_thresholds, tables->positive_planes);
    split_planes(negative_thresholds, tables->negative_planes);
    memcpy(tables->split, split, sizeof tables->split);
    memcpy(tables->slope, slope, sizeof tables->slope);
    memcpy(tables->offset, offset, sizeof tables->offset);
    memcpy(tables->buckets, buckets, sizeof tables->buckets);
    tables->zero_code = zero_code;
}

// Eight running maxima, which the compiler keeps in vector registers.
static float absmax_portable(const float *source, size_t count) {
    float lanes[8] = {0};
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        for (int lane = 0; lane < 8; lane++) {
            float magnitude = source[i + lane] < 0 ? -source[i + lane] : source[i + lane];
            lanes[lane] = magnitude > lanes[lane] ? magnitude : lanes[lane];
        }
    }
    for (; i < count; i++) {
        float magnitude = source[i] < 0 ? -source[i] : source[i];
        lanes[0] = magnitude > lanes[0] ? magnitude : lanes[0];
    }
    float largest = 0;
    for (int lane = 0; lane < 8; lane++) largest = lanes[lane] > largest ? lanes[lane] : largest;
    return largest;
}

static void dequantize_portable(const d2l_code_tables *tables, const uint8_t *codes, size_t count, float absmax,
                                float *destination) {
    for (size_t i = 0; i < count; i++) destination[i] = tables->values[codes[i]] * absmax;
}

static void quantize_nearest_portable(const d2l_code_tables *tables, const float *source, size_t count,
                                      float inverse, uint8_t *codes) {
    for (size_t i = 0; i < count; i++) {
        float v = source[i] * inverse;
        uint32_t magnitude = float_bits(v) & 0x7FFFFFFFu;
        uint32_t m = magnitude < 0x3F800000u ? magnitude : 0x3F800000u;
        int32_t negative = v < 0;
        int32_t bucket = (int32_t)(m >> 15) - D2L_LOWEST_BUCKET;
        bucket = (bucket > 0 ? bucket : 0) + negative * D2L_BUCKET_COUNT;
        uint32_t entry = tables->buckets[bucket];
        int32_t step = (int32_t)(entry & 0xFFu) + ((m & 0x7FFFu) >= (entry >> 16));
        int32_t code = tables->zero_code + (negative ? -step : step);
        codes[i] = (v == v && code > 0) ? (uint8_t)code : 0;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define VBMI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))

// The byte order that makes `lookup64`'s interleaving come out in element order: position
// 16L + 4k + j takes element 16k + 4L + j.
static const uint8_t interleaving_order[64] = {
    0, 1, 2, 3, 16, 17, 18, 19, 32, 33, 34, 35, 48, 49, 50, 51,
    4, 5, 6, 7, 20, 21, 22, 23, 36, 37, 38, 39, 52, 53, 54, 55,
    8, 9, 10, 11, 24, 25, 26, 27, 40, 41, 42, 43, 56, 57, 58, 59,
    12, 13, 14, 15, 28, 29, 30, 31, 44, 45, 46, 47, 60, 61, 62, 63,
};

// The 32-bit entries of a 256-entry table (as byte planes) at 64 indices: each plane is two
// 128-byte permutes chosen by the index's top bit; the unpacks put the four bytes of each
// entry together, in element order thanks to `interleaving_order`.
VBMI static inline void lookup64(const uint8_t planes[4][256], __m512i indices, __m512i entries[4]) {
    __m512i order = _mm512_loadu_si512(interleaving_order);
    __m512i c = _mm512_permutexvar_epi8(order, indices);
    __mmask64 upper = _mm512_movepi8_mask(c);
    __m512i bytes[4];
    for (int b = 0; b < 4; b++) {
        __m512i low = _mm512_permutex2var_epi8(_mm512_loadu_si512(planes[b]), c, _mm512_loadu_si512(planes[b] + 64));
        __m512i high = _mm512_permutex2var_epi8(_mm512_loadu_si512(planes[b] + 128), c, _mm512_loadu_si512(planes[b] + 192));
        bytes[b] = _mm512_mask_blend_epi8(upper, low, high);
    }
    __m512i low01 = _mm512_unpacklo_epi8(bytes[0], bytes[1]), high01 = _mm512_unpackhi_epi8(bytes[0], bytes[1]);
    __m512i low23 = _mm512_unpacklo_epi8(bytes[2], bytes[3]), high23 = _mm512_unpackhi_epi8(bytes[2], bytes[3]);
    entries[0] = _mm512_unpacklo_epi16(low01, low23);
    entries[1] = _mm512_unpackhi_epi16(low01, low23);
    entries[2] = _mm512_unpacklo_epi16(high01, high23);
    entries[3] = _mm512_unpackhi_epi16(high01, high23);
}

static inline size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

// The lanes of group `group` (16 elements) that lie among the first `count` of 64.
static inline __mmask16 group_lanes(size_t count, int group) {
    size_t first = 16 * (size_t)group;
    if (count <= first) return 0;
    return count - first >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (count - first)) - 1);
}

VBMI static float absmax_vbmi(const float *source, size_t count) {
    const __m512i magnitude_mask = _mm512_set1_epi32(0x7FFFFFFF);
    __m512 largest = _mm512_setzero_ps();
    for (size_t i = 0; i < count; i += 16) {
        __mmask16 lanes = count - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (count - i)) - 1);
        __m512i bits = _mm512_and_si512(_mm512_castps_si512(_mm512_maskz_loadu_ps(lanes, source + i)), magnitude_mask);
        largest = _mm512_max_ps(_mm512_castsi512_ps(bits), largest);  // a NaN magnitude yields `largest`
    }
    return _mm512_reduce_max_ps(largest);
}

VBMI static void dequantize_vbmi(const d2l_code_tables *tables, const uint8_t *codes, size_t count, float absmax,
                                 float *destination) {
    const __m512 scale = _mm512_set1_ps(absmax);
    for (size_t i = 0; i < count; i += 64) {
        size_t n = min_size(count - i, 64);
        __mmask64 bytes = n == 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
        __m512i entries[4];
        lookup64(tables->value_planes, _mm512_maskz_loadu_epi8(bytes, codes + i), entries);
        for (int group = 0; group < 4; group++) {
            __m512 values = _mm512_mul_ps(_mm512_castsi512_ps(entries[group]), scale);
            _mm512_mask_storeu_ps(destination + i + 16 * group, group_lanes(n, group), values);
        }
    }
}

// The pieces of the binades of `m` (their splits, slopes and offsets), held in registers.
typedef struct {
    __m512 split[2], slope0[2], slope1[2], offset0[2], offset1[2];
} piece_registers;

VBMI static inline piece_registers load_pieces(const d2l_code_tables *tables) {
    piece_registers pieces;
    for (int half = 0; half < 2; half++) {
        pieces.split[half] = _mm512_loadu_ps(tables->split + 16 * half);
        pieces.slope0[half] = _mm512_loadu_ps(tables->slope[0] + 16 * half);
        pieces.slope1[half] = _mm512_loadu_ps(tables->slope[1] + 16 * half);
        pieces.offset0[half] = _mm512_loadu_ps(tables->offset[0] + 16 * half);
        pieces.offset1[half] = _mm512_loadu_ps(tables->offset[1] + 16 * half);
    }
    return pieces;
}

// The first estimate `k = trunc(m · slope + offset)` of 16 magnitudes `m` in [0, 1], from the
// piece of each one's binade (32-entry permutes of the piece registers).
VBMI static inline __m512i first_estimate(const piece_registers *pieces, __m512 m) {
    __m512i binade = _mm512_max_epi32(_mm512_srli_epi32(_mm512_castps_si512(m), 23), _mm512_set1_epi32(96));
    __mmask16 upper = _mm512_cmp_ps_mask(m, _mm512_permutex2var_ps(pieces->split[0], binade, pieces->split[1]), _CMP_GE_OQ);
    __m512 slope = _mm512_mask_blend_ps(upper, _mm512_permutex2var_ps(pieces->slope0[0], binade, pieces->slope0[1]),
                                        _mm512_permutex2var_ps(pieces->slope1[0], binade, pieces->slope1[1]));
    __m512 offset = _mm512_mask_blend_ps(upper, _mm512_permutex2var_ps(pieces->offset0[0], binade, pieces->offset0[1]),
                                         _mm512_permutex2var_ps(pieces->offset1[0], binade, pieces->offset1[1]));
    return _mm512_cvttps_epi32(_mm512_add_ps(_mm512_mul_ps(m, slope), offset));
}

// The low bytes of four groups of 16 estimates, in element order: the indices of `lookup64`.
VBMI static inline __m512i estimate_bytes(const __m512i estimate[4]) {
    __m512i indices = _mm512_castsi128_si512(_mm512_cvtepi32_epi8(estimate[0]));
    indices = _mm512_inserti32x4(indices, _mm512_cvtepi32_epi8(estimate[1]), 1);
    indices = _mm512_inserti32x4(indices, _mm512_cvtepi32_epi8(estimate[2]), 2);
    return _mm512_inserti32x4(indices, _mm512_cvtepi32_epi8(estimate[3]), 3);
}

// `k + (T[k] ≤ m)` for 16 estimates and the thresholds looked up at them.
VBMI static inline __m512i counted(__m512i estimate, __m512i thresholds, __m512 m) {
    __mmask16 reached = _mm512_cmp_ps_mask(_mm512_castsi512_ps(thresholds), m, _CMP_LE_OQ);
    return _mm512_mask_add_epi32(estimate, reached, estimate, _mm512_set1_epi32(1));
}

// A map without negative codes (the code of 0 is 0): `m = min(max(v, 0), 1)` sends negative
// values and NaN (which `max` replaces by its second operand) to 0, whose code is 0, so the
// code is `f⁺(m)` for every value.
VBMI static void quantize_unsigned_vbmi(const d2l_code_tables *tables, const float *source, size_t count,
                                        float inverse, uint8_t *codes) {
    const __m512 scale = _mm512_set1_ps(inverse);
    const __m512 one = _mm512_set1_ps(1);
    const piece_registers pieces = load_pieces(tables);
    for (size_t i = 0; i < count; i += 64) {
        size_t n = min_size(count - i, 64);
        __m512 m[4];
        __m512i estimate[4];
        for (int group = 0; group < 4; group++) {
            __m512 v = _mm512_mul_ps(_mm512_maskz_loadu_ps(group_lanes(n, group), source + i + 16 * group), scale);
            m[group] = _mm512_min_ps(_mm512_max_ps(v, _mm512_setzero_ps()), one);
            estimate[group] = first_estimate(&pieces, m[group]);
        }
        __m512i thresholds[4];
        lookup64(tables->positive_planes, estimate_bytes(estimate), thresholds);
        for (int group = 0; group < 4; group++) {
            __m512i code = counted(estimate[group], thresholds[group], m[group]);
            _mm512_mask_cvtepi32_storeu_epi8(codes + i + 16 * group, group_lanes(n, group), code);
        }
    }
}

// A map with codes on both sides of 0 (the code of 0 is `z > 0`): `z + f⁺(m)` for `v ≥ 0`,
// `max(z − f⁻(m), 0)` for `v < 0`, 0 for NaN, `m = min(|v|, 1)`.
VBMI static void quantize_signed_vbmi(const d2l_code_tables *tables, const float *source, size_t count,
                                      float inverse, uint8_t *codes) {
    const __m512 scale = _mm512_set1_ps(inverse);
    const __m512 one = _mm512_set1_ps(1);
    const __m512i magnitude_mask = _mm512_set1_epi32(0x7FFFFFFF);
    const __m512i zero = _mm512_set1_epi32(tables->zero_code);
    const piece_registers pieces = load_pieces(tables);
    for (size_t i = 0; i < count; i += 64) {
        size_t n = min_size(count - i, 64);
        __m512 m[4];
        __m512i estimate[4];
        __mmask16 negative[4], number[4];
        for (int group = 0; group < 4; group++) {
            __m512 v = _mm512_mul_ps(_mm512_maskz_loadu_ps(group_lanes(n, group), source + i + 16 * group), scale);
            negative[group] = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_LT_OQ);
            number[group] = _mm512_cmp_ps_mask(v, v, _CMP_ORD_Q);
            m[group] = _mm512_min_ps(_mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(v), magnitude_mask)), one);
            estimate[group] = first_estimate(&pieces, m[group]);
        }
        __m512i indices = estimate_bytes(estimate);
        __m512i positive_thresholds[4], negative_thresholds[4];
        lookup64(tables->positive_planes, indices, positive_thresholds);
        lookup64(tables->negative_planes, _mm512_min_epu8(indices, _mm512_set1_epi8((char)tables->zero_code)), negative_thresholds);
        for (int group = 0; group < 4; group++) {
            __m512i code = _mm512_add_epi32(zero, counted(estimate[group], positive_thresholds[group], m[group]));
            __m512i steps = counted(_mm512_min_epi32(estimate[group], zero), negative_thresholds[group], m[group]);
            code = _mm512_mask_sub_epi32(code, negative[group], zero, steps);
            code = _mm512_maskz_max_epi32(number[group], code, _mm512_setzero_si512());
            _mm512_mask_cvtepi32_storeu_epi8(codes + i + 16 * group, group_lanes(n, group), code);
        }
    }
}

static int runs_vbmi(enum d2l_instruction_set instruction_set) {
    return d2l_available_instruction_set(instruction_set) == D2L_INSTRUCTION_SET_AVX512_VBMI;
}

float d2l_absmax(const float *source, size_t count, enum d2l_instruction_set instruction_set) {
    return runs_vbmi(instruction_set) ? absmax_vbmi(source, count) : absmax_portable(source, count);
}

void d2l_dequantize(const d2l_code_tables *tables, const uint8_t *codes, size_t count, float absmax,
                    float *destination, enum d2l_instruction_set instruction_set) {
    if (runs_vbmi(instruction_set)) {
        dequantize_vbmi(tables, codes, count, absmax, destination);
    } else {
        dequantize_portable(tables, codes, count, absmax, destination);
    }
}

void d2l_quantize_nearest(const d2l_code_tables *tables, const float *source, size_t count, float inverse,
                          uint8_t *codes, enum d2l_instruction_set instruction_set) {
    if (runs_vbmi(instruction_set) && tables->zero_code == 0) {
        quantize_unsigned_vbmi(tables, source, count, inverse, codes);
    } else if (runs_vbmi(instruction_set)) {
        quantize_signed_vbmi(tables, source, count, inverse, codes);
    } else {
        quantize_nearest_portable(tables, source, count, inverse, codes);
    }
}

#else

float d2l_absmax(const float *source, size_t count, enum d2l_instruction_set instruction_set) {
    (void)instruction_set;
    return absmax_portable(source, count);
}

void d2l_dequantize(const d2l_code_tables *tables, const uint8_t *codes, size_t count, float absmax,
                    float *destination, enum d2l_instruction_set instruction_set) {
    (void)instruction_set;
    dequantize_portable(tables, codes, count, absmax, destination);
}

void d2l_quantize_nearest(const d2l_code_tables *tables, const float *source, size_t count, float inverse,
                          uint8_t *codes, enum d2l_instruction_set instruction_set) {
    (void)instruction_set;
    quantize_nearest_portable(tables, source, count, inverse, codes);
}

#endif
