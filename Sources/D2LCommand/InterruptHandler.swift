import D2LChapters
import D2LTraining
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C during a checkpointing run: the first SIGINT asks the run to stop at the next
/// minibatch boundary and save its checkpoint (the command then exits with 130); a second one
/// quits at once, leaving the last saved checkpoint as it was (checkpoints are written
/// atomically).
///
/// Under `mpirun` the ranks never see the SIGINT: `mpirun` turns Ctrl-C into SIGTERM for every
/// rank, and sends SIGKILL a second later (Open MPI's `odls_base_sigkill_timeout`), so a
/// data-parallel run handles SIGTERM the same way, and saves if the step under way and the
/// save end within that second.
///
/// The handler is a Dispatch signal source, so nothing runs in signal context.
final class InterruptHandler {
    /// The exit status after an interrupt, as shells report a SIGINT: 128 + 2.
    static let exitStatus: Int32 = 130

    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// Starts turning `signals` (SIGINT by default) into `stop.request()` until the handler is
    /// released; `announcing` prints the one line that says so on standard error.
    init(requesting stop: StopRequest, signals: [Int32] = [SIGINT], announcing: Bool = true) {
        self.signals = signals
        let queue = DispatchQueue(label: "d2l.interrupt")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [source] in
                if stop.isRequested || source.data > 1 {
                    _exit(Self.exitStatus)
                }
                stop.request()
                guard announcing else { return }
                FileHandle.standardError.write(Data(
                    "\ninterrupt: stopping after this minibatch to save the checkpoint (Ctrl-C again to quit without saving)\n".utf8
                ))
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
