import D2LSupport
/// Everything an ``Optimizer`` needs to continue exactly where it was: its configuration
/// (algorithm name and hyperparameters, parameter groups, multipliers), its step counts and its
/// per-element state, bit for bit.
///
/// ```swift
/// let snapshot = try optimizer.snapshot()
/// let data = try JSONEncoder().encode(snapshot)
/// // … later, in a new process, with an optimizer configured the same way:
/// var resumed = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
/// try resumed.restore(from: JSONDecoder().decode(OptimizerSnapshot.self, from: data))
/// ```
///
/// A snapshot does not recreate an optimizer: it is restored into one built from the same
/// configuration, and ``Optimizer/restore(from:parameterShapes:)`` refuses it, naming the
/// differences, when the configurations differ — a run resumed with another learning rate is
/// another run. Restoring validates everything a damaged or foreign file could get wrong
/// (format version, scalar type, shapes, buffer lengths, the state slots the algorithm uses,
/// values a `Float` cannot hold, codes and absmax values of 8-bit state), so a bad snapshot gives
/// an ``OptimizerSnapshotError``, never a trap.
///
/// 8-bit state (see ``StatePrecision``) is saved as its codes and absmax values, so a resumed
/// run continues bit for bit. A snapshot whose state precision differs from the optimizer's
/// (8-bit state restored into a `Float`-state optimizer, or the other way round) is refused
/// with ``OptimizerSnapshotError/statePrecisionMismatch(snapshot:optimizer:)`` unless the
/// conversion is asked for: `restore(from:parameterShapes:convertingStatePrecision: true)`
/// dequantizes or quantizes (nearest rounding) where the precisions differ.
public struct OptimizerSnapshot: Sendable, Equatable, Codable {
    /// The snapshot format this version of the library writes and reads.
    public static let currentFormatVersion = 1

    /// The format version the snapshot was written in.
    public var formatVersion: Int
    /// The scalar type of the state: `"float"` or `"double"` (`TensorScalar.typeName`).
    public var scalarType: String
    /// The registry name of the main algorithm, such as `"rmsprop"`.
    public var algorithmName: String
    /// Steps taken (``Optimizer/stepCount``).
    public var stepCount: Int
    /// Steps skipped on non-finite gradients (``Optimizer/skippedStepCount``).
    public var skippedStepCount: Int
    /// Where a ``NonFiniteGradientPolicy/stop`` policy stopped the optimizer, if it did.
    public var stoppedOnNonFiniteGradient: NonFiniteGradient?
    /// The shape of every parameter the state covers, in order; empty before the first step.
    public var shapes: [[Int]]
    /// State slot ``StateSlots/first`` for all parameters, one after another; empty if unused.
    public var first: ExactDoubles
    /// State slot ``StateSlots/second``; empty if unused.
    public var second: ExactDoubles
    /// State slot ``StateSlots/third``; empty if unused.
    public var third: ExactDoubles
    /// The state of the tensors kept in 8 bits, codes and absmax exactly; `nil` when none is
    /// (``first``, ``second`` and ``third`` then hold every tensor).
    public var quantized: QuantizedState?
    /// Algorithm, hyperparameters, groups and multipliers, as compared on restore.
    var configuration: JSONValue

    /// The number of parameters the state covers.
    public var parameterCount: Int { shapes.count }
}

/// Why a snapshot cannot be taken or restored.
public enum OptimizerSnapshotError: Error, Equatable, CustomStringConvertible {
    /// The snapshot was written in a format version this library does not read.
    case unsupportedFormatVersion(found: Int, supported: Int)
    /// An algorithm whose hyperparameters cannot be encoded (it does not conform to `Codable`).
    case unencodableAlgorithm(name: String)
    /// The snapshot holds state of another scalar type.
    case scalarTypeMismatch(snapshot: String, optimizer: String)
    /// The snapshot comes from an optimizer configured differently.
    case configurationMismatch(differences: [ConfigurationDifference])
    /// The state covers parameters of other shapes than the ones given.
    case shapeMismatch(snapshot: [[Int]], parameters: [[Int]])
    /// The snapshot is inconsistent with itself: a damaged or hand-edited file.
    case invalidState(String)
    /// The snapshot keeps its state in another precision than the optimizer (8-bit for other
    /// tensors, or `Scalar`); restore with `convertingStatePrecision: true` to convert it.
    case statePrecisionMismatch(snapshot: String, optimizer: String)
    /// The optimizer holds the state of the elements `window` of `elementCount` only: one rank's
    /// shard in data-parallel training, whose snapshot is taken across ranks.
    case shardedState(window: Range<Int>, elementCount: Int)

    public var description: String {
        switch self {
        case let .unsupportedFormatVersion(found, supported):
            return found > supported
                ? "the optimizer snapshot has format version \(found), newer than this library reads (\(supported)); update swift-d2l"
                : "the optimizer snapshot has format version \(found); this library reads version \(supported)"
        case let .unencodableAlgorithm(name):
            return "the \(name) algorithm's hyperparameters cannot be saved: make it conform to Codable"
        case let .scalarTypeMismatch(snapshot, optimizer):
            return "the optimizer snapshot holds \(UntrustedText.printable(snapshot)) state, but this optimizer computes in \(optimizer)"
        case let .configurationMismatch(differences):
            return "the optimizer snapshot was made with other hyperparameters (\(ConfigurationDifference.list(differences))); "
                + "restore it into an optimizer configured the same way"
        case let .shapeMismatch(snapshot, parameters):
            return "the optimizer snapshot holds state for parameters of shapes \(snapshot), not \(parameters)"
        case let .invalidState(detail):
            return "the optimizer snapshot is damaged: \(detail)"
        case let .statePrecisionMismatch(snapshot, optimizer):
            return "the optimizer snapshot holds \(snapshot), but this optimizer keeps \(optimizer); "
                + "convert it explicitly (restore with convertingStatePrecision: true) or use the same state precision"
        case let .shardedState(window, elementCount):
            return "this optimizer holds the state of elements \(window.lowerBound)..<\(window.upperBound) of \(elementCount) only "
                + "(one rank's shard); take the whole snapshot with DataParallel.snapshot() on every rank"
        }
    }
}

/// A hyperparameter whose value differs between a snapshot and the optimizer it is restored
/// into.
public struct ConfigurationDifference: Sendable, Equatable, CustomStringConvertible {
    /// Where the value is, such as `algorithm.hyperparameters.decay` or `groups[0]`.
    public var path: String
    /// The snapshot's value, or `absent`.
    public var snapshotValue: String
    /// The optimizer's value, or `absent`.
    public var optimizerValue: String

    /// The path without the `algorithm.hyperparameters.` that every main-algorithm value has,
    /// such as `decay` or `options.learningRate.base`.
    public var shortPath: String {
        let prefix = "algorithm.hyperparameters."
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    public var description: String {
        "\(shortPath): snapshot \(snapshotValue), this optimizer \(optimizerValue)"
    }

    /// The first few differences, joined for a one-line message.
    static func list(_ differences: [ConfigurationDifference], limit: Int = 4) -> String {
        let shown = differences.prefix(limit).map(\.description).joined(separator: "; ")
        return differences.count > limit ? shown + "; and \(differences.count - limit) more" : shown
    }
}
