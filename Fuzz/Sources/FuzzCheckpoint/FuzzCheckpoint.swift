import D2LDatasets
import D2LOptimizers
import D2LTensor
import D2LTraining
import Foundation

/// libFuzzer's entry point: read the bytes as a checkpoint file, and again as a checkpoint's
/// payload under a correct header (so that the JSON decoding and the consistency checks are
/// reached, not only the digest check). A checkpoint that reads back is restored into
/// optimizers, which then take a step. Anything but a thrown error is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    check(data)
    check(Data("\(Checkpoint.magic) \(Checkpoint.formatVersion) \(count) \(SHA1Digest(hashing: data))\n".utf8) + data)
    return 0
}

/// The algorithms checkpoints in the corpus were saved with (the CLI's defaults) and others.
let algorithms: [any OptimizationAlgorithm] = [
    RMSProp(learningRate: 0.01, decay: 0.9),
    RMSProp(learningRate: 0.01, decay: 0.9, centering: .centered, momentum: 0.5),
    SGD(learningRate: 0.05, momentum: 0.5),
    Adagrad(learningRate: 0.1),
]

func check(_ data: Data) {
    let checkpoint: Checkpoint
    do {
        checkpoint = try Checkpoint.decode(data, file: "fuzz.ckpt")
    } catch {
        precondition(!error.description.contains(where: \.isNewline), "a message spans lines: \(error)")
        return
    }
    precondition(checkpoint.epoch >= 0 && checkpoint.batch >= 0 && checkpoint.stepCount >= 0)
    _ = try? checkpoint.encoded()
    for algorithm in algorithms {
        restoreAndStep(checkpoint.optimizer, algorithm, Float.self)
        restoreAndStep(checkpoint.optimizer, algorithm, Double.self)
    }
}

func restoreAndStep<Scalar: TensorScalar>(_ snapshot: OptimizerSnapshot, _ algorithm: any OptimizationAlgorithm, _: Scalar.Type) {
    guard var optimizer = try? Optimizer<Scalar>(algorithm) else { return }
    do {
        try optimizer.restore(from: snapshot)
    } catch {
        precondition(!error.description.contains(where: \.isNewline), "a message spans lines: \(error)")
        return
    }
    // Small enough to step: the state must then fit the parameters exactly.
    guard snapshot.shapes.allSatisfy({ $0.count <= 4 && $0.allSatisfy { (0...64).contains($0) } }) else { return }
    var parameters = snapshot.shapes.map { Tensor<Scalar>.zeros(shape: $0) }
    let gradients = snapshot.shapes.map { Tensor<Scalar>.ones(shape: $0) }
    _ = try? optimizer.step(&parameters, gradients: gradients)
}
