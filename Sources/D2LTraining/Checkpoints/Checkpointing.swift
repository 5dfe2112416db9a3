import Foundation

/// How a ``TrainCh7`` or ``TrainConcise`` run saves and resumes checkpoints.
///
/// ```swift
/// let checkpointing = Checkpointing(file: URL(filePath: "run.ckpt"), resume: true)
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
/// let result = try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer,
///                               checkpointing: checkpointing)
/// ```
///
/// The run saves a ``Checkpoint`` at the end of every epoch, atomically, and, when its
/// ``stopRequest`` is made, at the next minibatch boundary before throwing
/// ``TrainingInterrupted``. With ``resume`` it starts from the checkpoint in ``file`` (which must
/// exist and come from the same run: same trainer, settings other than the epoch count, scalar
/// type, data and optimizer configuration) and continues up to the settings' epoch count in
/// total; the losses and parameters are then bit for bit those of an uninterrupted run.
/// Without ``resume`` an existing file is refused rather than overwritten.
public struct Checkpointing: Sendable {
    /// The checkpoint file.
    public var file: URL
    /// Whether to continue from ``file``.
    public var resume: Bool
    /// A request to stop early, checked between minibatches; `nil` for none.
    public var stopRequest: StopRequest?

    /// Checkpointing into `file`.
    public init(file: URL, resume: Bool = false, stopRequest: StopRequest? = nil) {
        self.file = file
        self.resume = resume
        self.stopRequest = stopRequest
    }
}

/// Thrown by a checkpointing run whose ``StopRequest`` was made: the checkpoint is saved and
/// the run can be resumed from it.
public struct TrainingInterrupted: Error, Equatable, CustomStringConvertible {
    /// The epoch the run was in (0-based).
    public var epoch: Int
    /// Minibatches of that epoch already done.
    public var batch: Int
    /// Minibatch steps done in all.
    public var stepCount: Int
    /// The checkpoint written.
    public var file: URL

    public var description: String {
        "interrupted in epoch \(epoch + 1) after \(batch) minibatch\(batch == 1 ? "" : "es") (\(stepCount) steps in all); "
            + "checkpoint saved to \(file.path(percentEncoded: false))"
    }
}
