extension Variable: CustomStringConvertible {
    /// The value, marked as a variable: `Variable(Tensor[2](1.0, 2.0))`, or `Variable(0.5)` for
    /// a scalar.
    public var description: String { "Variable(\(value))" }
}
