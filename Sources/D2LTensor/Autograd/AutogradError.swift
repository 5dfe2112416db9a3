/// Why a gradient cannot be read.
public enum AutogradError: Error, Equatable, CustomStringConvertible {
    /// The variable was recorded before the tape was last reset: its recording has ended and
    /// its gradient is gone.
    case recordingEnded
    /// ``GradientTape/moveGradients(of:into:)`` took this gradient after the last backward pass.
    case gradientMoved

    public var description: String {
        switch self {
        case .recordingEnded:
            return "the variable was recorded before the tape was reset; record it again to get a gradient"
        case .gradientMoved:
            return "the gradient was moved out by moveGradients(of:into:); read it from the destination array"
        }
    }
}
