extension Color {
    /// White, the canvas colour.
    public static let white = Color(red: 255, green: 255, blue: 255)
    /// Near-black, used for text and the frame.
    public static let ink = Color(red: 34, green: 34, blue: 34)

    /// matplotlib's default colour cycle, `tab10`: blue, orange, green, red, purple, brown, pink,
    /// grey, olive, cyan. ``LineChart`` gives the n-th series without a colour `tab10[n % 10]`.
    public static let tab10: [Color] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].map { Color(hex: $0)! }

    /// The cycle for optimizer paths over a contour plot: it starts with matplotlib's orange
    /// (`#ff7f0e`, the colour of the book's trajectories) and continues with colours that stand
    /// out against the viridis contour lines: red, pink, brown, black, grey.
    public static let pathCycle: [Color] = [
        "#ff7f0e", "#d62728", "#e377c2", "#8c564b", "#000000", "#7f7f7f",
    ].map { Color(hex: $0)! }
}
