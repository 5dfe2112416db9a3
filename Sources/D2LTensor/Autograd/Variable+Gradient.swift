extension Variable {
    /// The gradient of the last backward pass's output with respect to this variable, MXNet's
    /// `x.grad`; zeros when the variable does not influence the output, or before the first
    /// backward pass.
    ///
    /// - Throws: ``AutogradError/recordingEnded`` once the tape was reset since this variable
    ///   was recorded, and ``AutogradError/gradientMoved`` when
    ///   ``GradientTape/moveGradients(of:into:)`` took the gradient.
    @inlinable
    public var gradient: Tensor<Scalar> {
        get throws(AutogradError) { try tape.checkedGradient(of: self) }
    }
}
