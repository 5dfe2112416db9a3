/// Reports the minibatch steps of ``TrainCh7`` and ``TrainConcise`` runs to an observer, such
/// as a progress bar, without changing their signatures.
///
/// ```swift
/// let result = try TrainingProgress.$observer.withValue({ step, total in
///     print("step \(step) of \(total)")
/// }) {
///     try TrainCh7.run(data: data, settings: settings) { optimizer.update(&$0, gradients: $1) }
/// }
/// ```
///
/// The observer is a task-local value: it applies to the runs started inside `withValue` on
/// the same task or thread, and to nothing else.
public enum TrainingProgress {
    /// Called after every minibatch step with the steps done so far (from 1) and the total of
    /// the run (`epochs × batches per epoch`); `nil` (default) for no reports.
    @TaskLocal public static var observer: (@Sendable (_ step: Int, _ totalSteps: Int) -> Void)?
}
