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
/// The handler is a Dispatch signal source, so nothing runs in signal context.
final class InterruptHandler {
    /// The exit status after an interrupt, as shells report a SIGINT: 128 + 2.
    static let exitStatus: Int32 = 130

    private let source: any DispatchSourceSignal

    /// Starts turning SIGINT into `stop.request()` until the handler is released.
    init(requesting stop: StopRequest) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "d2l.interrupt"))
        source.setEventHandler { [source] in
            if stop.isRequested || source.data > 1 {
                _exit(Self.exitStatus)
            }
            stop.request()
            FileHandle.standardError.write(Data(
                "\ninterrupt: stopping after this minibatch to save the checkpoint (Ctrl-C again to quit without saving)\n".utf8
            ))
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
