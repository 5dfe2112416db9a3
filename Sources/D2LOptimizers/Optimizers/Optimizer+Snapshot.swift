import D2LSupport
import D2LTensor
import Foundation

extension Optimizer {
    /// A snapshot of the configuration, step counts and state, from which an optimizer built
    /// the same way continues bit for bit.
    ///
    /// The optimizer of one rank of a data-parallel group holds the state of its shard only
    /// (``OptimizerState/window``), so it has no snapshot of its own: take the consolidated one,
    /// which every rank's part makes up, with `DataParallel.snapshot()` on every rank.
    ///
    /// - Throws: ``OptimizerSnapshotError/unencodableAlgorithm(name:)`` when an algorithm does
    ///   not conform to `Codable` (every algorithm of this library does);
    ///   ``OptimizerSnapshotError/shardedState(window:elementCount:)`` for the optimizer of one
    ///   rank's shard.
    public func snapshot() throws(OptimizerSnapshotError) -> OptimizerSnapshot {
        let elementCount = state.offsets[state.offsets.count - 1]
        guard state.window.count == elementCount else { throw .shardedState(window: state.window, elementCount: elementCount) }
        return try snapshot(first: state.first, second: state.second, third: state.third)
    }

    /// A snapshot with the whole slots `first`, `second` and `third` (every element of the
    /// parameters, as a sharded optimizer's ranks hold them together) and this optimizer's
    /// configuration, counts and 8-bit state.
    package func snapshot(first: [Scalar], second: [Scalar], third: [Scalar]) throws(OptimizerSnapshotError) -> OptimizerSnapshot {
        OptimizerSnapshot(
            formatVersion: OptimizerSnapshot.currentFormatVersion,
            scalarType: Scalar.typeName,
            algorithmName: type(of: algorithm).name,
            stepCount: stepCount,
            skippedStepCount: skippedStepCount,
            stoppedOnNonFiniteGradient: stoppedOnNonFiniteGradient,
            shapes: state.shapes,
            first: ExactDoubles(converting: first),
            second: ExactDoubles(converting: second),
            third: ExactDoubles(converting: third),
            quantized: state.quantized.elementCount > 0 ? state.quantized : nil,
            configuration: try configurationDescription()
        )
    }

    /// Continues from `snapshot`: takes its step counts and state.
    ///
    /// Nothing changes unless every check passes.
    ///
    /// - Parameters:
    ///   - snapshot: A snapshot of an optimizer with the same configuration and scalar type.
    ///   - parameterShapes: The shapes of the parameters the optimizer will step, to check
    ///     against the snapshot's state; `nil` leaves the check to the next step.
    ///   - convertingStatePrecision: Whether state saved in another precision than
    ///     ``statePrecision`` is converted (8-bit state dequantized, `Scalar` state quantized to
    ///     the nearest codes) rather than refused.
    /// - Throws: ``OptimizerSnapshotError``: another format version or scalar type, another
    ///   configuration (the differences named), other parameter shapes, state of another
    ///   precision (unless converting), or a snapshot that is inconsistent with itself.
    public mutating func restore(
        from snapshot: OptimizerSnapshot, parameterShapes: [[Int]]? = nil, convertingStatePrecision: Bool = false
    ) throws(OptimizerSnapshotError) {
        let saved = try checkedState(snapshot, parameterShapes: parameterShapes)
        let algorithms = saved.shapes.indices.map(algorithm(forParameter:))
        let nonNegative = Self.nonNegativeSlots(algorithms)
        let restored: OptimizerState<Scalar>
        if saved.hasLayout(of: statePrecision) {
            restored = saved
        } else if convertingStatePrecision {
            restored = saved.converted(to: statePrecision, slots: Self.usedSlots(algorithms), nonNegative: nonNegative) {
                (algorithms[$0] as? RMSProp).map { $0.centering != .uncentered } ?? false
            }
        } else {
            throw .statePrecisionMismatch(snapshot: saved.precisionSummary, optimizer: statePrecision.summary(Scalar.typeName))
        }
        stepCount = snapshot.stepCount
        skippedStepCount = snapshot.skippedStepCount
        stoppedOnNonFiniteGradient = snapshot.stoppedOnNonFiniteGradient
        state = restored
    }

    /// Continues one rank's shard from a consolidated snapshot: its step counts and the elements
    /// `window` of its state, which must be `Scalar` state.
    ///
    /// - Throws: what ``restore(from:parameterShapes:convertingStatePrecision:)`` throws, and
    ///   ``OptimizerSnapshotError/statePrecisionMismatch(snapshot:optimizer:)`` for 8-bit state.
    package mutating func restoreShard(from snapshot: OptimizerSnapshot, window: Range<Int>) throws(OptimizerSnapshotError) {
        let saved = try checkedState(snapshot, parameterShapes: nil)
        guard saved.hasLayout(of: .float32) else {
            throw .statePrecisionMismatch(snapshot: saved.precisionSummary, optimizer: StatePrecision.float32.summary(Scalar.typeName))
        }
        func part(_ values: [Scalar]) -> [Scalar] { values.isEmpty ? [] : Array(values[window.clamped(to: values.indices)]) }
        try restoreShard(
            stepCount: snapshot.stepCount, skippedStepCount: snapshot.skippedStepCount, shapes: saved.shapes, window: window,
            first: part(saved.first), second: part(saved.second), third: part(saved.third))
        stoppedOnNonFiniteGradient = snapshot.stoppedOnNonFiniteGradient
    }

    /// The state of `snapshot`, after checking its format version, scalar type, configuration,
    /// step counts and shapes (against `parameterShapes` when given).
    private func checkedState(_ snapshot: OptimizerSnapshot, parameterShapes: [[Int]]?) throws(OptimizerSnapshotError) -> OptimizerState<Scalar> {
        guard snapshot.formatVersion == OptimizerSnapshot.currentFormatVersion else {
            throw .unsupportedFormatVersion(found: snapshot.formatVersion, supported: OptimizerSnapshot.currentFormatVersion)
        }
        guard snapshot.scalarType == Scalar.typeName else {
            throw .scalarTypeMismatch(snapshot: snapshot.scalarType, optimizer: Scalar.typeName)
        }
        let differences = snapshot.configuration.differences(from: try configurationDescription())
        guard differences.isEmpty else {
            throw .configurationMismatch(differences: differences.map { difference in
                ConfigurationDifference(
                    path: difference.path.isEmpty ? "configuration" : difference.path,
                    snapshotValue: difference.this?.summary ?? "absent", optimizerValue: difference.other?.summary ?? "absent"
                )
            })
        }
        guard snapshot.stepCount >= 0, snapshot.skippedStepCount >= 0 else {
            throw .invalidState("negative step count (\(snapshot.stepCount) taken, \(snapshot.skippedStepCount) skipped)")
        }
        if let parameterShapes, !snapshot.shapes.isEmpty, snapshot.shapes != parameterShapes {
            throw .shapeMismatch(snapshot: snapshot.shapes, parameters: parameterShapes)
        }
        return try restoredState(snapshot)
    }

    /// The state a snapshot describes, after checking its shapes, its buffer lengths against
    /// the slots the algorithms use, and that every value fits `Scalar`.
    private func restoredState(_ snapshot: OptimizerSnapshot) throws(OptimizerSnapshotError) -> OptimizerState<Scalar> {
        /// Elements at most: far beyond any model a snapshot file could hold.
        let limit = 1 << 48
        var total = 0
        for shape in snapshot.shapes {
            var count = 1
            for dimension in shape {
                guard dimension >= 0 else { throw .invalidState("the shape \(shape) has a negative dimension") }
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= limit else { throw .invalidState("the shape \(shape) is too large") }
                count = product
            }
            total += count
            guard total <= limit else { throw .invalidState("the shapes \(snapshot.shapes) hold too many elements") }
        }
        let used = snapshot.shapes.indices.reduce(StateSlots()) { $0.union(algorithm(forParameter: $1).stateSlots) }
        var restored = OptimizerState<Scalar>(shapes: snapshot.shapes, slots: [], initialValue: { _, _ in 0 })
        if let quantized = snapshot.quantized {
            let nonNegative = Self.nonNegativeSlots(snapshot.shapes.indices.map(algorithm(forParameter:)))
            try quantized.validate(counts: snapshot.shapes.map { $0.reduce(1, *) }, slots: used, nonNegative: nonNegative)
            restored.quantized = quantized
            total -= quantized.elementCount
        }
        for (slot, name, values) in [
            (StateSlots.first, "first", snapshot.first), (.second, "second", snapshot.second), (.third, "third", snapshot.third),
        ] {
            let expected = used.contains(slot) ? total : 0
            guard values.count == expected else {
                throw .invalidState("state slot \(name) holds \(values.count) values; the algorithm needs \(expected)")
            }
            guard let scalars = values.exactly(as: Scalar.self) else {
                throw .invalidState("state slot \(name) holds values that \(Scalar.typeName) cannot represent exactly")
            }
            switch slot {
            case .first: restored.first = scalars
            case .second: restored.second = scalars
            default: restored.third = scalars
            }
        }
        return restored
    }

    /// The configuration as a JSON tree: the main algorithm, the groups and the multipliers.
    func configurationDescription() throws(OptimizerSnapshotError) -> JSONValue {
        func describe(_ algorithm: any OptimizationAlgorithm) throws(OptimizerSnapshotError) -> JSONValue {
            let name = type(of: algorithm).name
            guard let encodable = algorithm as? any Encodable else { throw .unencodableAlgorithm(name: name) }
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                let data = try encoder.encode(encodable)
                return .object(["name": .string(name), "hyperparameters": try JSONDecoder().decode(JSONValue.self, from: data)])
            } catch {
                throw .unencodableAlgorithm(name: name)
            }
        }
        var groupDescriptions: [JSONValue] = []
        for group in groups {
            groupDescriptions.append(.object([
                "parameters": .array(group.parameters.map { .number(Double($0)) }),
                "algorithm": try describe(group.algorithm),
            ]))
        }
        let multiplierDescriptions = multipliers.keys.sorted().map { index -> JSONValue in
            let multiplier = multipliers[index]!
            return .object([
                "parameter": .number(Double(index)),
                "learningRate": .number(multiplier.learningRate),
                "weightDecay": .number(multiplier.weightDecay),
            ])
        }
        return .object([
            "algorithm": try describe(algorithm),
            "groups": .array(groupDescriptions),
            "multipliers": .array(multiplierDescriptions),
        ])
    }
}
