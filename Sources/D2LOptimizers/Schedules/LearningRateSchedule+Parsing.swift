extension LearningRateSchedule {
    /// The forms accepted by ``init(parsing:)``.
    public static let syntax = "constant | step:EVERY:FACTOR | multistep:S1,S2,...:FACTOR | exponential:FACTOR | cosine:TOTAL[:MIN_LR]"

    /// Parses `constant`, `step:EVERY:FACTOR`, `multistep:S1,S2,...:FACTOR`,
    /// `exponential:FACTOR` or `cosine:TOTAL[:MIN_LR]`.
    ///
    /// - Throws: ``OptimizerError/inapplicable(name:reason:)`` naming the valid forms.
    public init(parsing text: String) throws(OptimizerError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func fail() -> OptimizerError {
            .inapplicable(name: "lr schedule '\(text)'", reason: "expected \(Self.syntax)")
        }
        func integer(_ part: String) throws(OptimizerError) -> Int {
            guard let value = Int(part) else { throw fail() }
            return value
        }
        func number(_ part: String) throws(OptimizerError) -> Double {
            guard let value = Double(part) else { throw fail() }
            return value
        }
        switch (parts.first, parts.count) {
        case ("constant", 1):
            self = .constant
        case ("step", 3):
            self = .step(every: try integer(parts[1]), factor: try number(parts[2]))
        case ("multistep", 3):
            var milestones: [Int] = []
            for part in parts[1].split(separator: ",") { milestones.append(try integer(String(part))) }
            guard !milestones.isEmpty else { throw fail() }
            self = .multistep(milestones: milestones, factor: try number(parts[2]))
        case ("exponential", 2):
            self = .exponential(factor: try number(parts[1]))
        case ("cosine", 2):
            self = .cosine(total: try integer(parts[1]), minimum: 0)
        case ("cosine", 3):
            self = .cosine(total: try integer(parts[1]), minimum: try number(parts[2]))
        default:
            throw fail()
        }
        try validate()
    }
}
