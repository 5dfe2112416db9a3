import D2LNN
import D2LTensor

/// The loop shared by ``TrainCh7`` and ``TrainConcise``: epochs of minibatches, the loss over
/// all examples recorded before training and after every 100 examples, the last epoch timed.
struct Ch7Loop<Scalar: TensorScalar> {
    var settings: Ch7Settings
    var data: SectionData<Scalar>

    /// Runs the loop. `step` trains on one minibatch and returns its loss; `evaluate` returns
    /// the mean loss over all examples; `parameters` reads the flattened parameters.
    func run(
        generator: inout Xoshiro256StarStar,
        evaluate: () -> Double,
        step: (_ features: Tensor<Scalar>, _ labels: Tensor<Scalar>) throws -> Double,
        parameters: () -> [Double]
    ) throws -> TrainingResult {
        var loader = try DataLoader(features: data.features, labels: data.labels, batchSize: settings.batchSize, shuffle: settings.shuffle)
        var losses = [evaluate()]
        var seconds = 0.0
        var stepCount = 0
        let clock = ContinuousClock()
        for _ in 0..<settings.epochs {
            let start = clock.now
            var stopped: (step: Int, value: Double)?
            try loader.forEachBatch(using: &generator) { index, features, labels in
                guard stopped == nil else { return }
                stepCount += 1
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
        }
        return TrainingResult(losses: losses, secondsPerEpoch: seconds, parameters: parameters())
    }
}
