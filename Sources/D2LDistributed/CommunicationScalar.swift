/// An element type that communicators send and combine.
///
/// Float and Double carry parameters, gradients and optimizer state; `UInt64` and `UInt8` carry
/// counts, digests and text (integer sums wrap around). Other types cannot conform: ``kind`` names one of the layouts that
/// every implementation of ``Communicator`` handles.
public protocol CommunicationScalar: BitwiseCopyable, Sendable {
    /// The element's layout on the wire.
    static var kind: ScalarKind { get }
}

/// The element layouts that communicators exchange.
public enum ScalarKind: Hashable, Sendable, CaseIterable {
    /// A 32-bit IEEE 754 number (`Float`).
    case float32
    /// A 64-bit IEEE 754 number (`Double`).
    case float64
    /// An unsigned 64-bit integer (`UInt64`).
    case uint64
    /// An unsigned 8-bit integer (`UInt8`).
    case uint8
}

extension Float: CommunicationScalar {
    /// ``ScalarKind/float32``.
    public static var kind: ScalarKind { .float32 }
}

extension Double: CommunicationScalar {
    /// ``ScalarKind/float64``.
    public static var kind: ScalarKind { .float64 }
}

extension UInt64: CommunicationScalar {
    /// ``ScalarKind/uint64``.
    public static var kind: ScalarKind { .uint64 }
}

extension UInt8: CommunicationScalar {
    /// ``ScalarKind/uint8``.
    public static var kind: ScalarKind { .uint8 }
}
