import ArgumentParser
import D2LDataParallel
import D2LDistributed
import D2LOptimizers
import D2LTensor
import D2LTraining
import Foundation

extension TrainCommand {
    /// `--data-parallel` / `--exact-reduction`: the run through ``TrainDataParallel``; rank 0
    /// prints the result (JSON adds `world_size` and `optimizer_state_bytes_per_rank`) and
    /// writes the plot.
    func runDataParallel() throws {
        let communicator = try parallelOptions.communicator()
        let rank = communicator.rank
        do {
            try CommandFailure.handling {
                let algorithm = try CommandFailure.checkingUsage(of: Self.self) {
                    try optimizerOptions.algorithm(rates: rates, sectionLearningRate: 0.01, defaultPreset: concise ? .mxnet : .book)
                }
                let train = {
                    try dtype == .float
                        ? trainDataParallel(algorithm, on: communicator, as: Float.self)
                        : trainDataParallel(algorithm, on: communicator, as: Double.self)
                }
                let outcome: TrainDataParallel.Outcome
                do {
                    outcome = try rank == 0 ? ProgressBar.followingTraining(label: "train", train) : train()
                } catch let interruption as TrainingInterrupted {
                    // Every rank saved its part and stops. Rank 0 says so before any rank exits,
                    // since mpirun ends the job at the first exit; none finalizes MPI, as
                    // mpirun may already be ending the job after Ctrl-C.
                    if rank == 0 { CommandFailure.report(interruption) }
                    try? communicator.barrier()
                    throw ExitCode(InterruptHandler.exitStatus)
                }
                if rank == 0 {
                    print(
                        TrainingFormatter.format(
                            outcome.result, as: format, worldSize: outcome.worldSize,
                            optimizerStateBytesPerRank: outcome.optimizerStateBytesPerRank),
                        terminator: "")
                    if let plot { try writePlot(outcome.result, of: algorithm, to: plot) }
                }
                if let step = outcome.result.stoppedAtStep, let value = outcome.result.stoppingValue {
                    try CommandFailure.fail(
                        "training stopped at step \(step): the minibatch loss became \(value); try a smaller learning rate or gamma < 1",
                        status: CommandFailure.nonFinite
                    )
                }
            }
        } catch let error as DistributedError {
            // Every rank refuses a disagreement alike; rank 0 alone says so.
            if case .disagreement = error, rank != 0 { throw ExitCode(CommandFailure.usage) }
            let status = if case .disagreement = error { CommandFailure.usage } else { CommandFailure.other }
            try CommandFailure.fail(error.description, status: status)
        }
        try parallelOptions.finish()
    }

    /// Trains on every rank; with `--checkpoint`, Ctrl-C (SIGINT, or the SIGTERM that `mpirun`
    /// sends every rank for it) stops all ranks at one minibatch boundary and saves there.
    private func trainDataParallel<Scalar: TensorScalar & CommunicationScalar>(
        _ algorithm: any OptimizationAlgorithm, on communicator: any Communicator, as _: Scalar.Type
    ) throws -> TrainDataParallel.Outcome {
        let data = try SectionData<Scalar>(source: dataOptions.source())
        let stop = StopRequest()
        let interruptHandler = checkpoint.map { _ in
            InterruptHandler(requesting: stop, signals: [SIGINT, SIGTERM], announcing: communicator.rank == 0)
        }
        defer { withExtendedLifetime(interruptHandler) {} }
        return try TrainDataParallel.run(
            concise: concise, algorithm: algorithm, multipliers: multipliers, data: data, settings: settings,
            communicator: communicator, reduction: parallelOptions.reduction,
            options: optimizerOptions.agreementItems(rates: rates) + [
                NamedValue("bias-lr-mult", biasLearningRateMultiplier.map { "\($0)" } ?? "(default)"),
                NamedValue("bias-wd-mult", biasWeightDecayMultiplier.map { "\($0)" } ?? "(default)"),
            ],
            checkpointing: checkpoint.map { Checkpointing(file: URL(fileURLWithPath: $0), resume: resume, stopRequest: stop) }
        )
    }
}
