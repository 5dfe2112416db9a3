import Foundation

/// The points an optimizer visits on a 2D objective, from the start (step 0) to the last step.
public struct Trajectory: Sendable, Equatable {
    /// `[x1, x2]` after each step; element 0 is the start.
    public var points: [[Double]]

    /// A trajectory through `points`.
    public init(points: [[Double]]) {
        self.points = points
    }

    /// The number of steps taken.
    public var steps: Int { points.count - 1 }

    /// The last point.
    public var final: [Double] { points[points.count - 1] }

    /// The book's summary line, `epoch 20, x1 -0.010599, x2 0.000000`.
    public var summary: String {
        String(format: "epoch %d, x1 %f, x2 %f", steps, final[0], final[1])
    }
}
