import D2LTensor
import D2LTestSupport
import Testing

@Suite("Matrix product, transpose and reductions")
struct LinearAlgebraTests {
    @Test("matmul of a 3×2 and a 2×3 matrix equals the hand-computed product", arguments: scalarTypes)
    func matmul(_ type: any TensorScalar.Type) throws {
        try Self.checkMatmul(type)
    }

    private static func checkMatmul<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let a = try Tensor<Scalar>(rows: [[1, 2], [3, 4], [5, 6]])
        let b = try Tensor<Scalar>(rows: [[7, 8, 9], [10, 11, 12]])
        #expect(a.matmul(b) == (try Tensor(rows: [[27, 30, 33], [61, 68, 75], [95, 106, 117]])))
        #expect(b.matmul(a) == (try Tensor(rows: [[76, 100], [103, 136]])))
        let identity = try Tensor<Scalar>(rows: [[1, 0], [0, 1]])
        #expect(a.matmul(identity) == a)
    }

    @Test("matmul with an empty inner dimension gives zeros of the outer shape")
    func emptyInner() throws {
        let a = try Tensor<Double>(shape: [2, 0], scalars: [])
        let b = try Tensor<Double>(shape: [0, 3], scalars: [])
        #expect(a.matmul(b) == Tensor.zeros(shape: [2, 3]))
    }

    @Test(
        "matmul stops the program unless both are matrices with matching inner dimensions",
        arguments: [([2, 3], [2, 3]), ([3], [3, 2]), ([2, 3], [3]), ([1, 2, 3], [3, 1]), ([], [1, 1])] as [([Int], [Int])]
    )
    func matmulErrors(a: [Int], b: [Int]) async {
        await #expect(processExitsWith: .failure) { [a, b] in
            _ = Tensor<Double>.ones(shape: a).matmul(.ones(shape: b))
        }
    }

    @Test("every product, matrix-vector ones included, sums each element's terms in order of the inner index", arguments: [
        (1, 1, 1), (3, 5, 1), (8, 5, 1), (17, 4, 1), (1500, 5, 1), (9, 11, 1), (16, 3, 1), (7, 6, 2), (5, 9, 4),
    ])
    func productsSumInOrder(_ m: Int, _ k: Int, _ n: Int) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(m * 100 + k * 10 + n))
        let a = Tensor<Float>.randomNormal(shape: [m, k], using: &generator)
        let b = Tensor<Float>.randomNormal(shape: [k, n], using: &generator)
        var expected = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum += a.scalars[i * k + p] * b.scalars[p * n + j] }
                expected[i * n + j] = sum
            }
        }
        #expect(a.matmul(b).scalars == expected)
        #expect(a.transposed().transposed().matmul(b).scalars == expected)
    }

    @Test("transposed swaps rows and columns, and (AB)ᵀ = BᵀAᵀ")
    func transposed() throws {
        let a = try Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed() == (try Tensor(rows: [[1, 4], [2, 5], [3, 6]])))
        #expect(a.transposed().transposed() == a)
        #expect(Tensor<Double>([1, 2]).reshapedOrTrap([1, 2]).transposed().shape == [2, 1])

        var generator = Xoshiro256StarStar(seed: 11)
        let x = Tensor<Double>.randomNormal(shape: [3, 4], using: &generator)
        let y = Tensor<Double>.randomNormal(shape: [4, 2], using: &generator)
        #expect(x.matmul(y).transposed() == y.transposed().matmul(x.transposed()))
    }

    @Test("sum and mean reduce every element to a rank-0 tensor", arguments: scalarTypes)
    func reductions(_ type: any TensorScalar.Type) throws {
        try Self.checkReductions(type)
    }

    private static func checkReductions<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let a = try Tensor<Scalar>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.sum() == Tensor(21))
        #expect(a.sum().shape == [])
        #expect(a.mean() == Tensor(3.5))
        #expect(a.squaredNorm() == 91)
        #expect(Tensor<Scalar>(-2).sum() == Tensor(-2))
        #expect(Tensor<Scalar>.zeros(shape: [0]).sum() == Tensor(0))
    }
}

extension Tensor {
    fileprivate func reshapedOrTrap(_ shape: [Int]) -> Tensor {
        try! reshaped(to: shape)
    }
}
