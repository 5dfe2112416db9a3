import D2LNN
import D2LTensor

/// The loop shared by ``TrainCh7`` and ``TrainConcise``: epochs of minibatches, the loss over
/// all examples recorded before training and after every 100 examples, the last epoch timed.
///
/// With checkpointing, the loop can start from a saved position (`resumption`, with the
/// generator as it was when that epoch began) and hands every position worth saving to `save`:
/// the end of each epoch, and the minibatch boundary where `stopRequested` first returns true,
/// after which it throws ``TrainingInterrupted``. Without it, it runs exactly as before.
struct Ch7Loop<Scalar: TensorScalar> {
    var settings: Ch7Settings
    var data: SectionData<Scalar>

    /// Where a resumed run continues: in epoch `epoch` after `batch` minibatches, with the
    /// step count, recorded losses and epoch time it had.
    struct Resumption {
        var epoch: Int
        var batch: Int
        var stepCount: Int
        var losses: [Double]
        var secondsPerEpoch: Double
    }

    /// A position handed to `save`: as ``Resumption``, plus the generator as it was when
    /// `epoch` began and whether the run is being interrupted there.
    struct Boundary {
        var resumption: Resumption
        var generator: Xoshiro256StarStar
        var isInterruption: Bool
    }

    /// Runs the loop. `step` trains on one minibatch and returns its loss; `evaluate` returns
    /// the mean loss over all examples; `parameters` reads the flattened parameters.
    ///
    /// - Parameters:
    ///   - generator: The generator; for a resumed run, as it was when the resumed epoch began.
    ///   - resumption: Where to continue, or `nil` to start (and record the first loss).
    ///   - stopRequested: Checked before every minibatch when checkpointing (a data-parallel run
    ///     agrees on it across ranks there, so it may throw what a collective throws).
    ///   - save: Called at every boundary worth a checkpoint; `nil` for no checkpointing. At
    ///     an interruption it should throw the error that ends the run (``TrainingInterrupted``)
    ///     once the checkpoint is saved.
    /// - Throws: What `step`, `stopRequested` and `save` throw.
    func run(
        generator: inout Xoshiro256StarStar,
        resumption: Resumption? = nil,
        evaluate: () -> Double,
        step: (_ features: Tensor<Scalar>, _ labels: Tensor<Scalar>) throws -> Double,
        parameters: () -> [Double],
        stopRequested: () throws -> Bool = { false },
        save: ((_ boundary: Boundary) throws -> Void)? = nil
    ) throws -> TrainingResult {
        var loader = try DataLoader(features: data.features, labels: data.labels, batchSize: settings.batchSize, shuffle: settings.shuffle)
        var losses = resumption?.losses ?? [evaluate()]
        var seconds = resumption?.secondsPerEpoch ?? 0.0
        var stepCount = resumption?.stepCount ?? 0
        let firstEpoch = resumption?.epoch ?? 0
        let clock = ContinuousClock()
        let progress = TrainingProgress.observer
        let totalSteps = settings.epochs * loader.batchCount
        for epoch in firstEpoch..<max(firstEpoch, settings.epochs) {
            let start = clock.now
            let generatorAtEpochStart = generator
            let secondsOfLastCompleteEpoch = seconds
            let firstBatch = epoch == firstEpoch ? resumption?.batch ?? 0 : 0
            var stopped: (step: Int, value: Double)?
            var interruptedAt: Int?
            try loader.forEachBatch(using: &generator) { index, features, labels in
                guard stopped == nil, interruptedAt == nil, index >= firstBatch else { return }
                if save != nil, try stopRequested() {
                    interruptedAt = index
                    return
                }
                stepCount += 1
                progress?(stepCount, totalSteps)
                let loss = try step(features, labels)
                guard loss.isFinite else {
                    stopped = (stepCount, loss)
                    return
                }
                if settings.recordsLoss(afterBatch: index) { losses.append(evaluate()) }
            }
            let elapsed = clock.now - start
            seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if let stopped {
                return TrainingResult(losses: losses, secondsPerEpoch: seconds, parameters: parameters(), stoppedAtStep: stopped.step, stoppingValue: stopped.value)
            }
            if let save, let interruptedAt {
                let boundary = Boundary(
                    resumption: Resumption(
                        epoch: epoch, batch: interruptedAt, stepCount: stepCount, losses: losses,
                        secondsPerEpoch: secondsOfLastCompleteEpoch
                    ),
                    generator: generatorAtEpochStart, isInterruption: true
                )
                try save(boundary)
                throw CancellationError()
            }
            try save?(Boundary(
                resumption: Resumption(epoch: epoch + 1, batch: 0, stepCount: stepCount, losses: losses, secondsPerEpoch: seconds),
                generator: generator, isInterruption: false
            ))
        }
        return TrainingResult(losses: losses, secondsPerEpoch: seconds, parameters: parameters())
    }
}
