import D2LDatasets
import D2LOptimizers
import D2LSupport
import D2LTensor
import Foundation

/// What makes two training runs the same run, for a checkpoint: the trainer, the scalar type,
/// the settings other than the number of epochs, and the data. (The optimizer's configuration
/// is compared by its snapshot.)
public struct RunIdentity: Sendable, Equatable, Codable {
    /// `"train_ch7"` or `"train_gluon_ch7"`.
    public var trainer: String
    /// `"float"` or `"double"`.
    public var scalarType: String
    /// Examples per minibatch.
    public var batchSize: Int
    /// Whether every epoch reshuffles.
    public var shuffle: Bool
    /// The seed of the generator.
    public var seed: UInt64
    /// How the weight started.
    public var initialization: Ch7Settings.Initialization
    /// The number of examples.
    public var exampleCount: Int
    /// The SHA-1 of the examples as trained on: the features' and labels' shapes and scalars.
    public var dataSHA1: String

    /// The identity of a run of `trainer` over `data` with `settings`.
    init<Scalar: TensorScalar>(trainer: String, data: SectionData<Scalar>, settings: Ch7Settings) {
        self.trainer = trainer
        scalarType = Scalar.typeName
        batchSize = settings.batchSize
        shuffle = settings.shuffle
        seed = settings.seed
        initialization = settings.initialization
        exampleCount = data.features.shape.first ?? 0
        var bytes = Data()
        for tensor in [data.features, data.labels] {
            bytes.append(contentsOf: "\(tensor.shape)".utf8)
            tensor.withUnsafeBufferPointer { bytes.append(Data(buffer: $0)) }
        }
        dataSHA1 = SHA1Digest(hashing: bytes).hexadecimal
    }

    /// The ways `self` (the checkpoint's) differs from `other` (this run's), named as the
    /// command line names them.
    func differences(from other: RunIdentity) -> [String] {
        var differences: [String] = []
        func compare<Value: Equatable>(_ name: String, _ mine: Value, _ theirs: Value) {
            if mine != theirs { differences.append("\(name): checkpoint \(UntrustedText.printable("\(mine)")), this run \(theirs)") }
        }
        compare("trainer (--concise)", trainer, other.trainer)
        compare("--dtype", scalarType, other.scalarType)
        compare("--batch-size", batchSize, other.batchSize)
        compare("shuffling (--no-shuffle)", shuffle, other.shuffle)
        compare("--seed", seed, other.seed)
        compare("--init", initialization.rawValue, other.initialization.rawValue)
        compare("example count", exampleCount, other.exampleCount)
        if dataSHA1 != other.dataSHA1, scalarType == other.scalarType, exampleCount == other.exampleCount {
            differences.append("data: checkpoint SHA-1 \(UntrustedText.printable(dataSHA1)), this run \(other.dataSHA1) (another --data file)")
        }
        return differences
    }
}
