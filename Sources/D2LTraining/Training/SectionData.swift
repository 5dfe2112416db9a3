import D2LDatasets
import D2LTensor

/// The section's regression data as tensors: 1500 standardised examples of 5 features and
/// their labels, standardised in `Double` and then rounded to `Scalar`, as the book's
/// `nd.array` does.
public struct SectionData<Scalar: TensorScalar>: Sendable {
    /// `[1500, 5]`.
    public var features: Tensor<Scalar>
    /// `[1500]`.
    public var labels: Tensor<Scalar>

    /// The split of `source` made by d2l's `get_data_ch7`.
    ///
    /// - Throws: `DatasetError` for an unreadable, malformed or too short file.
    public init(source: Airfoil.DataSource = .bundled) throws(DatasetError) {
        let split = try Airfoil.sectionSplit(from: source)
        self.init(features: split.features, labels: split.labels)
    }

    /// Tensors holding `features` and `labels`.
    public init(features: DataTable, labels: [Double]) {
        self.features = try! Tensor(shape: [features.rowCount, features.columnCount], scalars: features.values.map { Scalar($0) })
        self.labels = Tensor(labels.map { Scalar($0) })
    }

    /// The number of features per example.
    public var featureCount: Int { features.shape[1] }
}
