import CD2LMath
import D2LTensor
import D2LTestSupport
import Testing

/// The blocked, register-tiled matrix product gives the plain triple loop's numbers to the
/// last bit: every shape around its tile and block edges, either operand transposed, `Float`
/// and `Double`, on every instruction set this processor has; `addProduct` (which leaves
/// products below 4,096 multiply-adds to a plain loop) too.
@Suite("Blocked matrix product equals the triple loop bit for bit")
struct MatrixProductTests {
    /// `(m, k, n)` around the edges of the tiles (6 or 4 rows; 64, 32, 16, 8 or 4 columns), of
    /// the blocks of the inner index (64, 256, 512), of rows (192) and of columns (32 tiles:
    /// 2048, 1024, 512, 256 or 128).
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 2), (7, 3, 5), (6, 64, 64), (7, 65, 65), (5, 63, 63), (4, 256, 32), (13, 257, 17),
        (12, 513, 31), (193, 7, 9), (192, 64, 128), (5, 4, 129), (2, 3, 257), (3, 2, 513),
        (7, 5, 1025), (3, 2, 2049), (200, 70, 70),
    ]

    /// Products with operands drawn from a normal distribution, with zeros of both signs,
    /// infinities and NaNs among them.
    static func operands<Scalar: TensorScalar>(
        _ m: Int, _ k: Int, _ n: Int, seed: UInt64
    ) -> (a: [Scalar], b: [Scalar], c: [Scalar]) {
        var generator = Xoshiro256StarStar(seed: seed)
        let specials: [Scalar] = [0, -0, .infinity, -.infinity, .nan]
        func values(_ count: Int) -> [Scalar] {
            Tensor<Scalar>.randomNormal(shape: [count], using: &generator).scalars.enumerated().map { index, value in
                index % 97 == 13 ? specials[(index / 97) % specials.count] : value
            }
        }
        return (values(m * k), values(k * n), values(m * n))
    }

    /// `c + op(A)·op(B)` by the loop order `i, p, j`, each product rounded, then added.
    static func tripleLoop<Scalar: TensorScalar>(
        _ a: [Scalar], transposingA: Bool, _ b: [Scalar], transposingB: Bool, c: [Scalar], m: Int, k: Int, n: Int
    ) -> [Scalar] {
        var c = c
        for i in 0..<m {
            for p in 0..<k {
                let aip = transposingA ? a[p * m + i] : a[i * k + p]
                for j in 0..<n {
                    let product = aip * (transposingB ? b[j * k + p] : b[p * n + j])
                    c[i * n + j] = c[i * n + j] + product
                }
            }
        }
        return c
    }

    /// The sign, exponent and significand bits of each value (NaNs compare by their bits).
    static func bits<Scalar: TensorScalar>(_ values: [Scalar]) -> [UInt64] {
        values.map { value in
            (value.sign == .minus ? 1 << 63 : 0) | UInt64(value.exponentBitPattern) << Scalar.significandBitCount
                | UInt64(value.significandBitPattern)
        }
    }

    @Test("addProduct, either operand transposed, equals the triple loop", arguments: scalarTypes)
    func addProduct(_ type: any TensorScalar.Type) throws {
        try Self.checkAddProduct(type)
    }

    private static func checkAddProduct<Scalar: TensorScalar>(_: Scalar.Type) throws {
        for (index, (m, k, n)) in shapes.enumerated() {
            let (a, b, c) = operands(m, k, n, seed: UInt64(index)) as ([Scalar], [Scalar], [Scalar])
            for (transposingA, transposingB) in [(false, false), (true, false), (false, true), (true, true)] {
                let left = try Tensor(shape: transposingA ? [k, m] : [m, k], scalars: a)
                let right = try Tensor(shape: transposingB ? [n, k] : [k, n], scalars: b)
                var product = try Tensor(shape: [m, n], scalars: c)
                product.addProduct(left, transposingA: transposingA, right, transposingB: transposingB)
                let expected = tripleLoop(a, transposingA: transposingA, b, transposingB: transposingB, c: c, m: m, k: k, n: n)
                #expect(bits(product.scalars) == bits(expected), "\(m)×\(k)×\(n), transposing A \(transposingA), B \(transposingB)")
            }
        }
    }

    @Test(
        "Every instruction set's kernel equals the triple loop",
        arguments: [D2L_INSTRUCTION_SET_BASELINE, D2L_INSTRUCTION_SET_AVX, D2L_INSTRUCTION_SET_AVX512]
    )
    func instructionSets(_ instructionSet: d2l_instruction_set) {
        for (index, (m, k, n)) in Self.shapes.enumerated() {
            for (transposingA, transposingB) in [(false, false), (true, true)] {
                let strides = (a: transposingA ? (1, m) : (k, 1), b: transposingB ? (1, k) : (n, 1))
                let (a, b, c) = Self.operands(m, k, n, seed: UInt64(index)) as ([Float], [Float], [Float])
                var floats = c
                let floatStatus = d2l_multiply_add_float(instructionSet, m, k, n, a, strides.a.0, strides.a.1, b, strides.b.0, strides.b.1, &floats)
                let expectedFloats = Self.tripleLoop(a, transposingA: transposingA, b, transposingB: transposingB, c: c, m: m, k: k, n: n)
                #expect(floatStatus == 1 && Self.bits(floats) == Self.bits(expectedFloats), "Float \(m)×\(k)×\(n), transposed \(transposingA)")

                let (a2, b2, c2) = Self.operands(m, k, n, seed: UInt64(index)) as ([Double], [Double], [Double])
                var doubles = c2
                let doubleStatus = d2l_multiply_add_double(instructionSet, m, k, n, a2, strides.a.0, strides.a.1, b2, strides.b.0, strides.b.1, &doubles)
                let expectedDoubles = Self.tripleLoop(a2, transposingA: transposingA, b2, transposingB: transposingB, c: c2, m: m, k: k, n: n)
                #expect(doubleStatus == 1 && Self.bits(doubles) == Self.bits(expectedDoubles), "Double \(m)×\(k)×\(n), transposed \(transposingA)")
            }
        }
    }
}
