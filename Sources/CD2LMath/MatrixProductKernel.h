// One instance of the blocked matrix product `C ← C + A·B`, included by MatrixProduct.c once per
// scalar type and instruction set. The includer defines:
//
//   PRODUCT_SCALAR   the element type (float or double)
//   PRODUCT_LANES    elements per vector register of the instruction set
//   PRODUCT_ROWS     rows of C per register tile (MR)
//   PRODUCT_VECTORS  vectors per row of a register tile (the tile is MR × NV·LANES)
//   PRODUCT_TARGET   the function attribute choosing the instruction set (may be empty)
//   PRODUCT_NAME     the name of the driver function to define
//
// and, for every instance, PRODUCT_BLOCK_BYTES (the bytes of a panel of packed B),
// PRODUCT_BLOCK_ROWS (rows of a block of packed A, whole tiles) and PRODUCT_BLOCK_PANELS
// (panels of a block of packed B).
//
// Every element of C receives its products one at a time, in order of the inner index, each
// product rounded before it is added (no fused multiply-add): the vectors run across the
// columns of C, never along the inner index, so the result is the one of the triple loop
// `for i, for p, for j: c[i][j] += a[i][p] * b[p][j]` to the last bit.

#define PRODUCT_COLUMNS (PRODUCT_VECTORS * PRODUCT_LANES)
#define PRODUCT_BLOCK_COLUMNS (PRODUCT_BLOCK_PANELS * PRODUCT_COLUMNS)
#define PRODUCT_JOIN2(a, b) a##_##b
#define PRODUCT_JOIN(a, b) PRODUCT_JOIN2(a, b)
#define PRODUCT_LOCAL(name) PRODUCT_JOIN(PRODUCT_NAME, name)

_Static_assert(PRODUCT_BLOCK_ROWS % PRODUCT_ROWS == 0, "a block of rows is whole tiles");

typedef PRODUCT_SCALAR PRODUCT_LOCAL(vector)
    __attribute__((vector_size(PRODUCT_LANES * sizeof(PRODUCT_SCALAR)), aligned(sizeof(PRODUCT_SCALAR))));

/// `c[r][j] += Σ_p a[p][r] · b[p][j]` for one MR × NR tile of C (rows `ldc` apart), from a
/// packed panel of A (`depth` groups of MR) and of B (`depth` groups of NR).
PRODUCT_TARGET static inline __attribute__((always_inline)) void PRODUCT_LOCAL(tile)(
    size_t depth, const PRODUCT_SCALAR *restrict a, const PRODUCT_SCALAR *restrict b,
    PRODUCT_SCALAR *restrict c, size_t ldc
) {
    typedef PRODUCT_LOCAL(vector) vector;
    vector sums[PRODUCT_ROWS][PRODUCT_VECTORS];
#pragma clang loop unroll(full)
    for (int r = 0; r < PRODUCT_ROWS; r++) {
#pragma clang loop unroll(full)
        for (int v = 0; v < PRODUCT_VECTORS; v++) {
            memcpy(&sums[r][v], c + r * ldc + v * PRODUCT_LANES, sizeof(vector));
        }
    }
    for (size_t p = 0; p < depth; p++) {
        vector row[PRODUCT_VECTORS];
#pragma clang loop unroll(full)
        for (int v = 0; v < PRODUCT_VECTORS; v++) {
            memcpy(&row[v], b + p * PRODUCT_COLUMNS + v * PRODUCT_LANES, sizeof(vector));
        }
#pragma clang loop unroll(full)
        for (int r = 0; r < PRODUCT_ROWS; r++) {
            PRODUCT_SCALAR factor = a[p * PRODUCT_ROWS + r];
#pragma clang loop unroll(full)
            for (int v = 0; v < PRODUCT_VECTORS; v++) {
                vector product = factor * row[v];
                sums[r][v] = sums[r][v] + product;
            }
        }
    }
#pragma clang loop unroll(full)
    for (int r = 0; r < PRODUCT_ROWS; r++) {
#pragma clang loop unroll(full)
        for (int v = 0; v < PRODUCT_VECTORS; v++) {
            memcpy(c + r * ldc + v * PRODUCT_LANES, &sums[r][v], sizeof(vector));
        }
    }
}

/// Copies rows `rows` × inner indices `depth` of A (element `(i, p)` at `a[i·rs + p·cs]`) into
/// panels of MR rows: element `(i, p)` of panel `i / MR` at `p·MR + i % MR`, rows past the end
/// zero.
PRODUCT_TARGET static void PRODUCT_LOCAL(pack_a)(
    size_t rows, size_t depth, const PRODUCT_SCALAR *a, ptrdiff_t rs, ptrdiff_t cs, PRODUCT_SCALAR *restrict packed
) {
    for (size_t first = 0; first < rows; first += PRODUCT_ROWS) {
        size_t height = rows - first < PRODUCT_ROWS ? rows - first : PRODUCT_ROWS;
        PRODUCT_SCALAR *panel = packed + first * depth;
        if (height < PRODUCT_ROWS) memset(panel, 0, depth * PRODUCT_ROWS * sizeof *panel);
        const PRODUCT_SCALAR *source = a + (ptrdiff_t)first * rs;
        if (rs == 1) {
            for (size_t p = 0; p < depth; p++) {
                for (size_t r = 0; r < height; r++) panel[p * PRODUCT_ROWS + r] = source[(ptrdiff_t)p * cs + (ptrdiff_t)r];
            }
        } else {
            for (size_t r = 0; r < height; r++) {
                for (size_t p = 0; p < depth; p++) panel[p * PRODUCT_ROWS + r] = source[(ptrdiff_t)r * rs + (ptrdiff_t)p * cs];
            }
        }
    }
}

/// Copies inner indices `depth` × columns `columns` of B (element `(p, j)` at `b[p·rs + j·cs]`)
/// into panels of NR columns: element `(p, j)` of panel `j / NR` at `p·NR + j % NR`, columns
/// past the end zero.
PRODUCT_TARGET static void PRODUCT_LOCAL(pack_b)(
    size_t depth, size_t columns, const PRODUCT_SCALAR *b, ptrdiff_t rs, ptrdiff_t cs, PRODUCT_SCALAR *restrict packed
) {
    for (size_t first = 0; first < columns; first += PRODUCT_COLUMNS) {
        size_t width = columns - first < PRODUCT_COLUMNS ? columns - first : PRODUCT_COLUMNS;
        PRODUCT_SCALAR *panel = packed + first * depth;
        const PRODUCT_SCALAR *source = b + (ptrdiff_t)first * cs;
        if (width == PRODUCT_COLUMNS && cs == 1) {
            for (size_t p = 0; p < depth; p++) {
                memcpy(panel + p * PRODUCT_COLUMNS, source + (ptrdiff_t)p * rs, PRODUCT_COLUMNS * sizeof *panel);
            }
            continue;
        }
        if (width < PRODUCT_COLUMNS) memset(panel, 0, depth * PRODUCT_COLUMNS * sizeof *panel);
        if (cs == 1) {
            for (size_t p = 0; p < depth; p++) {
                for (size_t j = 0; j < width; j++) panel[p * PRODUCT_COLUMNS + j] = source[(ptrdiff_t)p * rs + (ptrdiff_t)j];
            }
        } else {
            for (size_t j = 0; j < width; j++) {
                for (size_t p = 0; p < depth; p++) panel[p * PRODUCT_COLUMNS + j] = source[(ptrdiff_t)j * cs + (ptrdiff_t)p * rs];
            }
        }
    }
}

/// The inner indices of a block: one panel of packed B fills PRODUCT_BLOCK_BYTES.
enum { PRODUCT_LOCAL(depth) = PRODUCT_BLOCK_BYTES / (PRODUCT_COLUMNS * sizeof(PRODUCT_SCALAR)) };

/// The elements of packed B that an m × k by k × n product needs: one block of columns (all
/// of C's, rounded up to whole panels, when fewer than PRODUCT_BLOCK_COLUMNS) by one block of
/// inner indices.
PRODUCT_TARGET static size_t PRODUCT_LOCAL(packed_b_count)(size_t k, size_t n) {
    size_t columns = n < PRODUCT_BLOCK_COLUMNS ? (n + PRODUCT_COLUMNS - 1) / PRODUCT_COLUMNS * PRODUCT_COLUMNS : PRODUCT_BLOCK_COLUMNS;
    return columns * (k < PRODUCT_LOCAL(depth) ? k : PRODUCT_LOCAL(depth));
}

/// Where packed A starts in the buffer: after packed B, on a 64-element boundary.
PRODUCT_TARGET static size_t PRODUCT_LOCAL(packed_a_offset)(size_t k, size_t n) {
    return (PRODUCT_LOCAL(packed_b_count)(k, n) + 63) / 64 * 64;
}

/// The elements of the buffer PRODUCT_NAME needs: a block of packed B, then one of packed A.
PRODUCT_TARGET static size_t PRODUCT_LOCAL(buffer_count)(size_t m, size_t k, size_t n) {
    size_t rows = m < PRODUCT_BLOCK_ROWS ? (m + PRODUCT_ROWS - 1) / PRODUCT_ROWS * PRODUCT_ROWS : PRODUCT_BLOCK_ROWS;
    return PRODUCT_LOCAL(packed_a_offset)(k, n) + rows * (k < PRODUCT_LOCAL(depth) ? k : PRODUCT_LOCAL(depth));
}

/// `C ← C + A·B` for the row-major m × n matrix C, A's element `(i, p)` at `a[i·a_rs + p·a_cs]`
/// and B's `(p, j)` at `b[p·b_rs + j·b_cs]`, with `buffer` room for `buffer_count(m, k, n)`
/// elements (64-byte aligned). C's columns are taken in blocks of PRODUCT_BLOCK_COLUMNS, the
/// inner index in blocks of `depth`, the rows in blocks of PRODUCT_BLOCK_ROWS; each tile of C
/// goes through the blocks of the inner index in order.
PRODUCT_TARGET static void PRODUCT_NAME(
    size_t m, size_t k, size_t n, const PRODUCT_SCALAR *a, ptrdiff_t a_rs, ptrdiff_t a_cs,
    const PRODUCT_SCALAR *b, ptrdiff_t b_rs, ptrdiff_t b_cs, PRODUCT_SCALAR *c, PRODUCT_SCALAR *buffer
) {
    const size_t block_depth = PRODUCT_LOCAL(depth);
    PRODUCT_SCALAR *packed_b = buffer;
    PRODUCT_SCALAR *packed_a = buffer + PRODUCT_LOCAL(packed_a_offset)(k, n);
    for (size_t column = 0; column < n; column += PRODUCT_BLOCK_COLUMNS) {
        size_t columns = n - column < PRODUCT_BLOCK_COLUMNS ? n - column : PRODUCT_BLOCK_COLUMNS;
        for (size_t inner = 0; inner < k; inner += block_depth) {
            size_t depth = k - inner < block_depth ? k - inner : block_depth;
            PRODUCT_LOCAL(pack_b)(
                depth, columns, b + (ptrdiff_t)inner * b_rs + (ptrdiff_t)column * b_cs, b_rs, b_cs, packed_b
            );
            for (size_t row = 0; row < m; row += PRODUCT_BLOCK_ROWS) {
                size_t rows = m - row < PRODUCT_BLOCK_ROWS ? m - row : PRODUCT_BLOCK_ROWS;
                PRODUCT_LOCAL(pack_a)(
                    rows, depth, a + (ptrdiff_t)row * a_rs + (ptrdiff_t)inner * a_cs, a_rs, a_cs, packed_a
                );
                for (size_t j = 0; j < columns; j += PRODUCT_COLUMNS) {
                    const PRODUCT_SCALAR *panel_b = packed_b + j * depth;
                    size_t width = columns - j < PRODUCT_COLUMNS ? columns - j : PRODUCT_COLUMNS;
                    for (size_t i = 0; i < rows; i += PRODUCT_ROWS) {
                        const PRODUCT_SCALAR *panel_a = packed_a + i * depth;
                        size_t height = rows - i < PRODUCT_ROWS ? rows - i : PRODUCT_ROWS;
                        PRODUCT_SCALAR *tile = c + (row + i) * n + column + j;
                        if (height == PRODUCT_ROWS && width == PRODUCT_COLUMNS) {
                            PRODUCT_LOCAL(tile)(depth, panel_a, panel_b, tile, n);
                        } else {
                            PRODUCT_SCALAR edge[PRODUCT_ROWS * PRODUCT_COLUMNS] = {0};
                            for (size_t r = 0; r < height; r++) memcpy(edge + r * PRODUCT_COLUMNS, tile + r * n, width * sizeof *edge);
                            PRODUCT_LOCAL(tile)(depth, panel_a, panel_b, edge, PRODUCT_COLUMNS);
                            for (size_t r = 0; r < height; r++) memcpy(tile + r * n, edge + r * PRODUCT_COLUMNS, width * sizeof *edge);
                        }
                    }
                }
            }
        }
    }
}

#undef PRODUCT_COLUMNS
#undef PRODUCT_BLOCK_COLUMNS
#undef PRODUCT_JOIN2
#undef PRODUCT_JOIN
#undef PRODUCT_LOCAL
