import D2LTensor
import D2LTestSupport
import RealModule
import Testing

@Suite("Broadcasting and elementwise operations")
struct BroadcastingTests {
    @Test(
        "Broadcast shapes follow NumPy: align trailing dimensions, stretch dimensions of size 1",
        arguments: [
            ([2, 3], [3], [2, 3]),
            ([2, 1], [1, 3], [2, 3]),
            ([4, 1, 5], [3, 1], [4, 3, 5]),
            ([5, 1, 4], [1, 3, 1], [5, 3, 4]),
            ([], [2, 2], [2, 2]),
            ([1], [], [1]),
            ([], [], []),
            ([0], [1], [0]),
            ([2, 0], [2, 1], [2, 0]),
            ([4, 3], [2, 4, 3], [2, 4, 3]),
            ([7], [7], [7]),
        ] as [([Int], [Int], [Int])]
    )
    func shapes(a: [Int], b: [Int], expected: [Int]) throws {
        #expect(try Broadcasting.shape(a, b) == expected)
        #expect(try Broadcasting.shape(b, a) == expected)
    }

    @Test(
        "Shapes whose aligned dimensions differ and are not 1 throw incompatibleShapes",
        arguments: [([2, 3], [2]), ([3], [4]), ([2, 1], [3, 2]), ([0], [3]), ([2, 3, 4], [3, 3])] as [([Int], [Int])]
    )
    func incompatible(a: [Int], b: [Int]) {
        #expect(throws: TensorError.incompatibleShapes(a, b, operation: "broadcast")) {
            try Broadcasting.shape(a, b)
        }
        #expect(throws: TensorError.incompatibleShapes(a, b, operation: "+")) {
            try Tensor<Double>.zeros(shape: a).combined(with: .zeros(shape: b), operation: "+", +)
        }
    }

    @Test("Elementwise operators broadcast rows, columns and scalars as hand-computed", arguments: scalarTypes)
    func elementwise(_ type: any TensorScalar.Type) throws {
        try Self.checkElementwise(type)
    }

    private static func checkElementwise<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let a = try Tensor<Scalar>(rows: [[1, 2, 3], [4, 5, 6]])
        let row = Tensor<Scalar>([10, 20, 30])
        let column = try Tensor<Scalar>(rows: [[10], [100]])

        #expect(a + row == (try Tensor(rows: [[11, 22, 33], [14, 25, 36]])))
        #expect(row + a == a + row)
        #expect(a - row == (try Tensor(rows: [[-9, -18, -27], [-6, -15, -24]])))
        #expect(row - a == (try Tensor(rows: [[9, 18, 27], [6, 15, 24]])))
        #expect(a * column == (try Tensor(rows: [[10, 20, 30], [400, 500, 600]])))
        #expect(a - column == (try Tensor(rows: [[-9, -8, -7], [-96, -95, -94]])))
        #expect(column / a == (try Tensor(rows: [
            [10 / 1, 10 / 2, Scalar(10) / Scalar(3)], [100 / 4, 100 / 5, Scalar(100) / Scalar(6)],
        ])))
        #expect(a / row == (try Tensor(rows: [
            [Scalar(1) / 10, Scalar(2) / 20, Scalar(3) / 30], [Scalar(4) / 10, Scalar(5) / 20, Scalar(6) / 30],
        ])))

        // An outer "sum" of a column and a row.
        let outer = try Tensor<Scalar>(shape: [3, 1], scalars: [1, 2, 3]) + Tensor<Scalar>(shape: [1, 4], scalars: [10, 20, 30, 40])
        #expect(outer == (try Tensor(rows: [[11, 21, 31, 41], [12, 22, 32, 42], [13, 23, 33, 43]])))

        // A rank-0 tensor broadcasts against anything.
        #expect(Tensor<Scalar>(2) * a == (try Tensor(rows: [[2, 4, 6], [8, 10, 12]])))

        // Scalars.
        #expect(a + 1 == (try Tensor(rows: [[2, 3, 4], [5, 6, 7]])))
        #expect(a - 1 == (try Tensor(rows: [[0, 1, 2], [3, 4, 5]])))
        #expect(a * 2 == (try Tensor(rows: [[2, 4, 6], [8, 10, 12]])))
        #expect(2 * a == a * 2)
        #expect(a / 2 == (try Tensor(rows: [[0.5, 1, 1.5], [2, 2.5, 3]])))
        #expect(-a == (try Tensor(rows: [[-1, -2, -3], [-4, -5, -6]])))
        #expect(a.squared() == (try Tensor(rows: [[1, 4, 9], [16, 25, 36]])))
        #expect(Tensor<Scalar>([4, 9, 2]).squareRoot() == Tensor([2, 3, Scalar(2).squareRoot()]))
        #expect(a.map { $0 - 1 } == a - 1)
    }

    @Test("Broadcasting over three dimensions visits elements in row-major order")
    func threeDimensions() throws {
        let a = try Tensor<Double>(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = try Tensor<Double>(shape: [2, 1], scalars: [100, 200])
        let sum = a + b
        #expect(sum.shape == [2, 2, 3])
        #expect(sum.scalars == [101, 102, 103, 201, 202, 203, 104, 105, 106, 204, 205, 206])
    }

    @Test("An elementwise operator on shapes that do not broadcast stops the program")
    func operatorTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>.zeros(shape: [2, 3]) + Tensor<Double>.zeros(shape: [2])
        }
    }

    @Test("sumReduced(toShape:) sums over the broadcast dimensions, as hand-computed")
    func sumReducedValues() throws {
        let a = try Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.sumReduced(toShape: [3]) == Tensor([5, 7, 9]))
        #expect(a.sumReduced(toShape: [1, 3]) == (try Tensor(shape: [1, 3], scalars: [5, 7, 9])))
        #expect(a.sumReduced(toShape: [2, 1]) == (try Tensor(shape: [2, 1], scalars: [6, 15])))
        #expect(a.sumReduced(toShape: []) == Tensor(21))
        #expect(a.sumReduced(toShape: [1]) == Tensor([21]))
        #expect(a.sumReduced(toShape: [2, 3]) == a)
    }

    @Test(
        "sumReduced(toShape:) is the adjoint of broadcasting: ⟨broadcast(x), y⟩ = ⟨x, sumReduced(y)⟩",
        arguments: [
            ([3], [2, 3]), ([1, 3], [2, 3]), ([2, 1], [2, 3]), ([], [2, 3]), ([1], [4, 2, 3]),
            ([2, 1, 3], [2, 4, 3]), ([4, 1, 1], [4, 2, 3]), ([2, 3], [5, 2, 3]), ([2, 3], [2, 3]),
        ] as [([Int], [Int])]
    )
    func sumReducedIsAdjoint(small: [Int], large: [Int]) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(small.count * 31 + large.reduce(0, +)))
        let x = Tensor<Double>.randomNormal(shape: small, using: &generator)
        let y = Tensor<Double>.randomNormal(shape: large, using: &generator)
        let broadcast = x + Tensor<Double>.zeros(shape: large)
        #expect(broadcast.shape == large)
        let reduced = y.sumReduced(toShape: small)
        #expect(reduced.shape == small)
        let left = (broadcast * y).sum().scalar
        let right = (x * reduced).sum().scalar
        #expect(left.isApproximatelyEqual(to: right, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
    }
}
