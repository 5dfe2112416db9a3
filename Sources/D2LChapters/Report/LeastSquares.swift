/// The best loss a linear model `ŷ = X·w + b` can reach on the section's data, solved exactly,
/// so a report can say how close a training came.
enum LeastSquares {
    /// `min over (w, b) of mean((X·w + b − y)²) / 2`, from the normal equations solved in
    /// `Double` by Gaussian elimination with partial pivoting; `nil` if they are singular.
    static func optimalLoss(features: [[Double]], labels: [Double]) -> Double? {
        guard let columnCount = features.first.map({ $0.count + 1 }), features.count == labels.count else { return nil }
        let rows = features.map { $0 + [1] }
        // A·β = c with A = Xᵀ X and c = Xᵀ y, X with a column of ones for the bias.
        var a = [[Double]](repeating: [Double](repeating: 0, count: columnCount + 1), count: columnCount)
        for (row, label) in zip(rows, labels) {
            for i in 0..<columnCount {
                for j in 0..<columnCount { a[i][j] += row[i] * row[j] }
                a[i][columnCount] += row[i] * label
            }
        }
        for column in 0..<columnCount {
            guard let pivot = (column..<columnCount).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[pivot][column]) > 1e-12
            else { return nil }
            a.swapAt(column, pivot)
            for i in 0..<columnCount where i != column {
                let factor = a[i][column] / a[column][column]
                for j in column...columnCount { a[i][j] -= factor * a[column][j] }
            }
        }
        let beta = (0..<columnCount).map { a[$0][columnCount] / a[$0][$0] }
        let squaredError = zip(rows, labels).reduce(0.0) { sum, pair in
            let residual = zip(pair.0, beta).reduce(0.0) { $0 + $1.0 * $1.1 } - pair.1
            return sum + residual * residual
        }
        return squaredError / Double(labels.count) / 2
    }
}
