import D2LTensor

extension Optimizer {
    /// The state slots the algorithms of `parameterCount` parameters use together.
    package func usedStateSlots(parameterCount: Int) -> StateSlots {
        Self.usedSlots((0..<parameterCount).map(algorithm(forParameter:)))
    }

    /// Continues a sharded optimizer from saved state: the step counts and the elements
    /// `window` of each used slot (empty for unused slots), for parameters of `shapes`. A
    /// consolidated checkpoint holds every element, so a shard of any size can be cut from it.
    ///
    /// - Throws: ``OptimizerSnapshotError/invalidState(_:)`` for negative counts, a window
    ///   outside the parameters, or slots of the wrong length; nothing changes then.
    package mutating func restoreShard(
        stepCount: Int, skippedStepCount: Int, shapes: [[Int]], window: Range<Int>, first: [Scalar], second: [Scalar], third: [Scalar]
    ) throws(OptimizerSnapshotError) {
        guard stepCount >= 0, skippedStepCount >= 0 else {
            throw .invalidState("negative step count (\(stepCount) taken, \(skippedStepCount) skipped)")
        }
        let used = usedStateSlots(parameterCount: shapes.count)
        var restored = OptimizerState<Scalar>(shapes: shapes, slots: [], window: window) { _, _ in 0 }
        guard restored.window == window else { throw .invalidState("the window \(window) lies outside the parameters") }
        for (slot, name, values) in [(StateSlots.first, "first", first), (.second, "second", second), (.third, "third", third)] {
            let expected = used.contains(slot) ? window.count : 0
            guard values.count == expected else {
                throw .invalidState("state slot \(name) holds \(values.count) values; the shard needs \(expected)")
            }
        }
        restored.first = first
        restored.second = second
        restored.third = third
        self.stepCount = stepCount
        self.skippedStepCount = skippedStepCount
        state = restored
    }
}
