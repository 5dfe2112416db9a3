/// The settings of the book's `train_ch7` and `train_gluon_ch7`.
public struct Ch7Settings: Sendable, Equatable, Codable {
    /// How the weight starts; the bias always starts at 0.
    public enum Initialization: String, Sendable, Codable, CaseIterable {
        /// Normal samples with standard deviation 0.01, as the book.
        case normal
        /// All zeros: with ``Ch7Settings/shuffle`` off, a run that any implementation reproduces.
        case zeros
    }

    /// Examples per minibatch (the book: 10).
    public var batchSize: Int
    /// Passes over the data (the book: 2).
    public var epochs: Int
    /// Reshuffle the examples every epoch (the book: yes).
    public var shuffle: Bool
    /// Seed of the generator that draws the weight and the shuffles.
    public var seed: UInt64
    /// How the weight starts.
    public var initialization: Initialization
    /// The widths of the hidden layers of a ReLU MLP, first layer first; empty (the book's
    /// default) for the linear model. Every weight starts as ``initialization`` says, drawn
    /// layer after layer; every bias at 0.
    public var hiddenLayers: [Int]

    /// Settings with the book's defaults.
    public init(
        batchSize: Int = 10, epochs: Int = 2, shuffle: Bool = true, seed: UInt64 = 0, initialization: Initialization = .normal,
        hiddenLayers: [Int] = []
    ) {
        self.batchSize = batchSize
        self.epochs = epochs
        self.shuffle = shuffle
        self.seed = seed
        self.initialization = initialization
        self.hiddenLayers = hiddenLayers
    }

    private enum CodingKeys: String, CodingKey {
        case batchSize, epochs, shuffle, seed, initialization, hiddenLayers
    }

    /// Settings decoded from `decoder`; settings saved before hidden layers existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        batchSize = try container.decode(Int.self, forKey: .batchSize)
        epochs = try container.decode(Int.self, forKey: .epochs)
        shuffle = try container.decode(Bool.self, forKey: .shuffle)
        seed = try container.decode(UInt64.self, forKey: .seed)
        initialization = try container.decode(Initialization.self, forKey: .initialization)
        hiddenLayers = try container.decodeIfPresent([Int].self, forKey: .hiddenLayers) ?? []
    }

    /// Whether the loss over all examples is recorded after minibatch `index` (0-based): when
    /// `(index + 1) · batchSize` is a multiple of 100, as the book does.
    public func recordsLoss(afterBatch index: Int) -> Bool {
        (index + 1) * batchSize % 100 == 0
    }

    /// Where the training records its loss, in epochs: 0 (before training), then after every
    /// minibatch that ends a multiple of 100 examples, at the fraction of the epoch seen.
    public func recordPositions(exampleCount: Int) -> [Double] {
        let batches = (exampleCount + batchSize - 1) / batchSize
        var positions = [0.0]
        for epoch in 0..<epochs {
            for index in 0..<batches where recordsLoss(afterBatch: index) {
                let seen = min((index + 1) * batchSize, exampleCount)
                positions.append(Double(epoch) + Double(seen) / Double(exampleCount))
            }
        }
        return positions
    }
}
