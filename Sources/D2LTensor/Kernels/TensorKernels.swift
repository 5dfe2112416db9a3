import CD2LMath

/// The loops behind tensor operations, over buffers the caller provides.
///
/// `Tensor`'s operators allocate a result and run these; ``GradientTape`` runs the same loops
/// into storage it keeps from one recording to the next, so a repeated training step computes
/// exactly the same numbers without allocating.
@usableFromInline
enum TensorKernels {
    /// `out = combine(a, b)` elementwise, `a` and `b` broadcast to `target` (the shape of `out`).
    ///
    /// Operands of the target's size, single scalars and operands repeated along leading axes
    /// (a bias row added to every example) run as flat loops; other broadcasts walk the target.
    @inlinable
    @inline(__always)
    static func combine<Scalar>(
        _ a: UnsafeBufferPointer<Scalar>, shape aShape: [Int], _ b: UnsafeBufferPointer<Scalar>, shape bShape: [Int],
        into out: UnsafeMutableBufferPointer<Scalar>, shape target: [Int], _ combine: (Scalar, Scalar) -> Scalar
    ) {
        let count = out.count
        if a.count == count, b.count == count {
            for i in 0..<count { out[i] = combine(a[i], b[i]) }
        } else if a.count == count, b.count == 1 {
            let y = b[0]
            for i in 0..<count { out[i] = combine(a[i], y) }
        } else if b.count == count, a.count == 1 {
            let x = a[0]
            for i in 0..<count { out[i] = combine(x, b[i]) }
        } else if a.count == count, Broadcasting.isTrailingBlock(bShape, of: target) {
            let width = b.count
            for start in stride(from: 0, to: count, by: width) {
                for j in 0..<width { out[start + j] = combine(a[start + j], b[j]) }
            }
        } else if b.count == count, Broadcasting.isTrailingBlock(aShape, of: target) {
            let width = a.count
            for start in stride(from: 0, to: count, by: width) {
                for j in 0..<width { out[start + j] = combine(a[j], b[start + j]) }
            }
        } else {
            Broadcasting.forEachOffset(in: target, a: aShape, b: bShape) { index, offsetA, offsetB in
                out[index] = combine(a[offsetA], b[offsetB])
            }
        }
    }

    /// Adds `source` (of shape `sourceShape`, a broadcast of `target`) into `out` (of shape
    /// `target`), summing over the broadcast axes: the adjoint of broadcasting.
    ///
    /// Each element of `out` receives its terms in row-major order of `source`.
    @inlinable
    @inline(__always)
    static func addReduced<Scalar: FloatingPoint>(
        _ source: UnsafeBufferPointer<Scalar>, shape sourceShape: [Int],
        into out: UnsafeMutableBufferPointer<Scalar>, shape target: [Int]
    ) {
        if out.count == source.count {
            for i in 0..<out.count { out[i] += source[i] }
        } else if out.count == 1 {
            for i in 0..<source.count { out[0] += source[i] }
        } else if Broadcasting.isTrailingBlock(target, of: sourceShape) {
            let width = out.count
            for start in stride(from: 0, to: source.count, by: width) {
                for j in 0..<width { out[j] += source[start + j] }
            }
        } else {
            Broadcasting.forEachOffset(in: sourceShape, a: sourceShape, b: target) { _, offset, targetOffset in
                out[targetOffset] += source[offset]
            }
        }
    }

    /// `c += A · B` for an `m × k` matrix `A` and a `k × n` matrix `B`, each read through strides
    /// (so that a transpose is read in place), `c` row-major `m × n`.
    ///
    /// Each element of `c` sums its `k` products in order of `p`, each product rounded before
    /// it is added: the result is that of the loop order `i, p, j` with `A[i, p]` held while a
    /// row of `c` is updated, which other scalar types run as written. `Float` and `Double`
    /// products of more than one column and at least ``blockedProductThreshold`` multiply-adds
    /// run as the cache-blocked, register-tiled kernel of
    /// `CD2LMath` (``blockedMultiplyAdd(_:rowStride:columnStride:_:rowStride:columnStride:into:m:k:n:)``),
    /// with the same result to the last bit.
    @inlinable
    @inline(__always)
    static func multiplyAdd<Scalar: FloatingPoint & SIMDScalar>(
        _ a: UnsafeBufferPointer<Scalar>, rowStride aRow: Int, columnStride aColumn: Int,
        _ b: UnsafeBufferPointer<Scalar>, rowStride bRow: Int, columnStride bColumn: Int,
        into c: UnsafeMutableBufferPointer<Scalar>, m: Int, k: Int, n: Int
    ) {
        guard m > 0, k > 0, n > 0 else { return }
        if n == 1 {
            matrixVectorAdd(a, rowStride: aRow, columnStride: aColumn, b, stride: bRow, into: c, m: m, k: k)
            return
        }
        if m * k * n >= blockedProductThreshold,
            blockedMultiplyAdd(a, rowStride: aRow, columnStride: aColumn, b, rowStride: bRow, columnStride: bColumn, into: c, m: m, k: k, n: n) {
            return
        }
        for i in 0..<m {
            for p in 0..<k {
                let aip = a[i * aRow + p * aColumn]
                if bColumn == 1 {
                    for j in 0..<n { c[i * n + j] += aip * b[p * bRow + j] }
                } else {
                    for j in 0..<n { c[i * n + j] += aip * b[p * bRow + j * bColumn] }
                }
            }
        }
    }

    /// The fewest multiply-adds (`m · k · n`) for which packing the operands into the blocked
    /// kernel's panels costs less than it saves.
    @inlinable static var blockedProductThreshold: Int { 4_096 }

    /// ``multiplyAdd(_:rowStride:columnStride:_:rowStride:columnStride:into:m:k:n:)`` for
    /// non-empty `Float` and `Double` matrices on the blocked kernel of `CD2LMath`; `false`, having
    /// changed nothing, for other scalar types or if the kernel could not allocate its buffer.
    @inlinable
    @inline(__always)
    static func blockedMultiplyAdd<Scalar: FloatingPoint & SIMDScalar>(
        _ a: UnsafeBufferPointer<Scalar>, rowStride aRow: Int, columnStride aColumn: Int,
        _ b: UnsafeBufferPointer<Scalar>, rowStride bRow: Int, columnStride bColumn: Int,
        into c: UnsafeMutableBufferPointer<Scalar>, m: Int, k: Int, n: Int
    ) -> Bool {
        let (a, b, c) = (UnsafeRawPointer(a.baseAddress!), UnsafeRawPointer(b.baseAddress!), UnsafeMutableRawPointer(c.baseAddress!))
        if Scalar.self == Float.self {
            return d2l_multiply_add_float(
                D2L_INSTRUCTION_SET_WIDEST, m, k, n, a.assumingMemoryBound(to: Float.self), aRow, aColumn,
                b.assumingMemoryBound(to: Float.self), bRow, bColumn, c.assumingMemoryBound(to: Float.self)
            ) != 0
        }
        if Scalar.self == Double.self {
            return d2l_multiply_add_double(
                D2L_INSTRUCTION_SET_WIDEST, m, k, n, a.assumingMemoryBound(to: Double.self), aRow, aColumn,
                b.assumingMemoryBound(to: Double.self), bRow, bColumn, c.assumingMemoryBound(to: Double.self)
            ) != 0
        }
        return false
    }

    /// `c += A · b` for an `m × k` matrix `A` and a vector `b` (the product's single column).
    ///
    /// Each element of `c` sums its `k` products in order of `p`, as ``multiplyAdd`` does. With
    /// a row-major `A`, eight rows advance together in the lanes of two vectors; otherwise four
    /// rows are summed side by side, each in a scalar.
    @inlinable
    @inline(__always)
    static func matrixVectorAdd<Scalar: FloatingPoint & SIMDScalar>(
        _ a: UnsafeBufferPointer<Scalar>, rowStride aRow: Int, columnStride aColumn: Int,
        _ b: UnsafeBufferPointer<Scalar>, stride bStride: Int,
        into c: UnsafeMutableBufferPointer<Scalar>, m: Int, k: Int
    ) {
        var i = 0
        if aColumn == 1 {
            // Two groups of four rows, so that two chains of vector additions overlap; four
            // columns at a time are loaded as rows and transposed in registers.
            while i + 8 <= m {
                var low = SIMD4(c[i], c[i + 1], c[i + 2], c[i + 3])
                var high = SIMD4(c[i + 4], c[i + 5], c[i + 6], c[i + 7])
                let first = i * aRow
                var p = 0
                while p + 4 <= k {
                    let block = UnsafeRawPointer(a.baseAddress! + first + p)
                    let rowBytes = aRow * MemoryLayout<Scalar>.stride
                    func row(_ r: Int) -> SIMD4<Scalar> { block.loadUnaligned(fromByteOffset: r * rowBytes, as: SIMD4<Scalar>.self) }
                    let (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3))
                    let (r4, r5, r6, r7) = (row(4), row(5), row(6), row(7))
                    for q in 0..<4 {
                        let bq = b[(p + q) * bStride]
                        low += SIMD4(r0[q], r1[q], r2[q], r3[q]) * bq
                        high += SIMD4(r4[q], r5[q], r6[q], r7[q]) * bq
                    }
                    p += 4
                }
                while p < k {
                    let bp = b[p * bStride]
                    let row = first + p
                    low += SIMD4(a[row], a[row + aRow], a[row + 2 * aRow], a[row + 3 * aRow]) * bp
                    high += SIMD4(a[row + 4 * aRow], a[row + 5 * aRow], a[row + 6 * aRow], a[row + 7 * aRow]) * bp
                    p += 1
                }
                (c[i], c[i + 1], c[i + 2], c[i + 3]) = (low[0], low[1], low[2], low[3])
                (c[i + 4], c[i + 5], c[i + 6], c[i + 7]) = (high[0], high[1], high[2], high[3])
                i += 8
            }
        }
        while i + 4 <= m {
            var (s0, s1, s2, s3) = (c[i], c[i + 1], c[i + 2], c[i + 3])
            for p in 0..<k {
                let bp = b[p * bStride]
                s0 += a[i * aRow + p * aColumn] * bp
                s1 += a[(i + 1) * aRow + p * aColumn] * bp
                s2 += a[(i + 2) * aRow + p * aColumn] * bp
                s3 += a[(i + 3) * aRow + p * aColumn] * bp
            }
            (c[i], c[i + 1], c[i + 2], c[i + 3]) = (s0, s1, s2, s3)
            i += 4
        }
        while i < m {
            var sum = c[i]
            for p in 0..<k { sum += a[i * aRow + p * aColumn] * b[p * bStride] }
            c[i] = sum
            i += 1
        }
    }
}
