import D2LTensor

/// `Float` and `Double`, as arguments of tests written once generically:
///
/// ```swift
/// @Test("…", arguments: scalarTypes)
/// func sums(_ type: any TensorScalar.Type) { check(type) }   // opens the existential
/// func check<Scalar: TensorScalar>(_: Scalar.Type) { … }
/// ```
public let scalarTypes: [any TensorScalar.Type] = [Float.self, Double.self]
