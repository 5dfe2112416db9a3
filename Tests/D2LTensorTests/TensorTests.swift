import D2LTensor
import D2LTestSupport
import Foundation
import Testing

@Suite("Tensor: construction, shape and value semantics")
struct TensorTests {
    @Test("init(shape:scalars:) keeps the scalars in row-major order", arguments: scalarTypes)
    func initialisation(_ type: any TensorScalar.Type) throws {
        try Self.checkInitialisation(type)
    }

    private static func checkInitialisation<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let tensor = try Tensor<Scalar>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(tensor.shape == [2, 3])
        #expect(tensor.rank == 2)
        #expect(tensor.scalarCount == 6)
        #expect(tensor.scalars == [1, 2, 3, 4, 5, 6])

        let scalar = Tensor<Scalar>(Scalar(2.5))
        #expect(scalar.shape == [])
        #expect(scalar.rank == 0)
        #expect(scalar.scalar == 2.5)

        let vector = Tensor<Scalar>([1, 2, 3])
        #expect(vector.shape == [3])

        let empty = try Tensor<Scalar>(shape: [0, 3], scalars: [])
        #expect(empty.scalarCount == 0)
        #expect(empty.shape == [0, 3])
    }

    @Test(
        "A scalar count that does not match the shape throws scalarCountMismatch",
        arguments: [([2, 3], 5), ([2, 3], 7), ([], 0), ([], 2), ([0], 1), ([4, 0, 2], 3), ([3], 0)] as [([Int], Int)]
    )
    func countMismatch(shape: [Int], count: Int) {
        #expect(throws: TensorError.scalarCountMismatch(shape: shape, scalarCount: count)) {
            try Tensor<Double>(shape: shape, scalars: Array(repeating: 1, count: count))
        }
    }

    @Test(
        "A negative dimension throws negativeDimension, even when the product matches the count",
        arguments: [[-1], [2, -3], [-2, -2], [0, -1]]
    )
    func negativeDimension(shape: [Int]) {
        let count = abs(shape.reduce(1, *))
        #expect(throws: TensorError.negativeDimension(shape: shape)) {
            try Tensor<Double>(shape: shape, scalars: Array(repeating: 0, count: count))
        }
    }

    @Test("init(rows:) builds a matrix and rejects rows of different lengths")
    func rows() throws {
        let matrix = try Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(matrix.shape == [2, 3])
        #expect(matrix.scalars == [1, 2, 3, 4, 5, 6])
        #expect(try Tensor<Double>(rows: []).shape == [0, 0])

        #expect(throws: TensorError.self) { try Tensor<Double>(rows: [[1, 2], [3]]) }
        // Ragged rows whose total happens to equal rows × first-row length must still throw.
        #expect(throws: TensorError.self) { try Tensor<Double>(rows: [[1, 2], [3, 4, 5], [6]]) }
    }

    @Test("zeros, ones and repeating fill every element", arguments: scalarTypes)
    func filled(_ type: any TensorScalar.Type) {
        Self.checkFilled(type)
    }

    private static func checkFilled<Scalar: TensorScalar>(_: Scalar.Type) {
        #expect(Tensor<Scalar>.zeros(shape: [2, 2]).scalars == [0, 0, 0, 0])
        #expect(Tensor<Scalar>.ones(shape: [3]).scalars == [1, 1, 1])
        let sevens = Tensor<Scalar>(repeating: 7, shape: [2, 1, 2])
        #expect(sevens.shape == [2, 1, 2])
        #expect(sevens.scalars == Array(repeating: 7, count: 4))
        #expect(Tensor<Scalar>.zeros(shape: []).scalar == 0)
        #expect(Tensor<Scalar>.zeros(shape: [0]).scalarCount == 0)
    }

    @Test(
        "reshaped(to:) keeps the scalars and changes only the shape",
        arguments: [[6], [2, 3], [3, 2], [1, 6, 1], [1, 1, 1, 6]]
    )
    func reshaped(shape: [Int]) throws {
        let tensor = try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let reshaped = try tensor.reshaped(to: shape)
        #expect(reshaped.shape == shape)
        #expect(reshaped.scalars == tensor.scalars)
        #expect(try reshaped.reshaped(to: [2, 3]) == tensor)
    }

    @Test("reshaped(to:) throws for another scalar count or a negative dimension")
    func reshapedErrors() throws {
        let tensor = try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(throws: TensorError.scalarCountMismatch(shape: [4], scalarCount: 6)) { try tensor.reshaped(to: [4]) }
        #expect(throws: TensorError.scalarCountMismatch(shape: [], scalarCount: 6)) { try tensor.reshaped(to: []) }
        #expect(throws: TensorError.negativeDimension(shape: [-2, -3])) { try tensor.reshaped(to: [-2, -3]) }
        #expect(try Tensor<Double>(4).reshaped(to: [1, 1]).scalars == [4])
    }

    @Test("Tensors are equal only when both shape and scalars are")
    func equality() throws {
        let a = try Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3, 4])
        #expect(a == (try Tensor<Double>(rows: [[1, 2], [3, 4]])))
        #expect(a != (try a.reshaped(to: [4])))
        #expect(a != (try Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3, 5])))
    }

    @Test("Mutating a copy leaves the original unchanged (copy on write)")
    func valueSemantics() throws {
        let original = try Tensor<Double>(shape: [3], scalars: [1, 2, 3])
        var copy = original
        copy.withUnsafeMutableBufferPointer { buffer in buffer[0] = 100 }
        #expect(original.scalars == [1, 2, 3])
        #expect(copy.scalars == [100, 2, 3])

        var target = Tensor<Double>.zeros(shape: [3])
        let alias = target
        target.assign(original)
        #expect(target == original)
        #expect(alias.scalars == [0, 0, 0])
    }

    @Test("The description shows a scalar plainly and a tensor with its shape")
    func description() throws {
        #expect(Tensor<Double>(1.5).description == "1.5")
        #expect(try Tensor<Double>(shape: [1, 2], scalars: [1, 2]).description == "Tensor[1, 2](1.0, 2.0)")
    }

    @Test("Codable round trip through JSON restores shape and scalars exactly", arguments: scalarTypes)
    func codableRoundTrip(_ type: any TensorScalar.Type) throws {
        try Self.checkCodable(type)
    }

    private static func checkCodable<Scalar: TensorScalar>(_: Scalar.Type) throws {
        var generator = Xoshiro256StarStar(seed: 3)
        let tensors: [Tensor<Scalar>] = [
            Tensor(Scalar.pi),
            Tensor([0.1, -1e-30, 123_456.789, 0]),
            Tensor.randomNormal(shape: [2, 3, 4], using: &generator),
            try Tensor(shape: [0, 2], scalars: []),
            Tensor([Scalar.leastNonzeroMagnitude, Scalar.greatestFiniteMagnitude, -Scalar.ulpOfOne]),
        ]
        for tensor in tensors {
            let data = try JSONEncoder().encode(tensor)
            let decoded = try JSONDecoder().decode(Tensor<Scalar>.self, from: data)
            #expect(decoded == tensor)
        }
    }

    @Test(
        "Decoding a shape and scalars that disagree throws instead of building a broken tensor",
        arguments: [#"{"shape":[2,2],"scalars":[1,2,3]}"#, #"{"shape":[-1],"scalars":[]}"#, #"{"shape":[],"scalars":[]}"#]
    )
    func decodingValidates(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Tensor<Double>.self, from: Data(json.utf8))
        }
    }
}
