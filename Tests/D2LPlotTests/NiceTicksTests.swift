import D2LPlot
import Foundation
import Testing

struct NiceTicksTests {
    /// The step between ticks, checked to be 1, 2, 2.5 or 5 × 10ᵏ and the same throughout.
    private func roundStep(of ticks: [Tick]) -> Double? {
        guard ticks.count >= 2 else { return nil }
        let step = ticks[1].value - ticks[0].value
        let power = pow(10, (log10(step)).rounded(.down))
        let significand = step / power
        let isRound = [1, 2, 2.5, 5, 10].contains { abs(significand - $0) < 1e-9 * $0 }
        let isEven = zip(ticks, ticks.dropFirst()).allSatisfy { a, b in
            abs((b.value - a.value) - step) <= 1e-9 * step
        }
        let onMultiples = ticks.allSatisfy { tick in
            let multiple = tick.value / step
            return abs(multiple - multiple.rounded()) < 1e-6
        }
        return isRound && isEven && onMultiples ? step : nil
    }

    /// A label read back as a number: plain decimals and `d×10ⁿ` / `10ⁿ` forms.
    private func number(fromLabel label: String) -> Double? {
        let ascii = label.replacingOccurrences(of: "\u{2212}", with: "-")
        guard ascii.contains("10") && (ascii.contains("×") || ascii.hasPrefix("10") || ascii.hasPrefix("-10")),
              let base = ascii.range(of: "10", options: .backwards), base.upperBound < ascii.endIndex
        else { return Double(ascii) }
        let superscripts: [Character: Character] = [
            "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-",
        ]
        let exponentText = String(ascii[base.upperBound...].compactMap { superscripts[$0] })
        guard let exponent = Int(exponentText) else { return Double(ascii) }
        let significandText = String(ascii[..<base.lowerBound]).replacingOccurrences(of: "×", with: "")
        let significand = significandText.isEmpty ? 1 : significandText == "-" ? -1 : Double(significandText)
        return significand.map { $0 * pow(10, Double(exponent)) }
    }

    @Test("covering ticks are round numbers that cover random ranges of every magnitude")
    func coveringRandomRanges() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let magnitude = pow(10, Double.random(in: -12...12, using: &generator))
            let center = Double.random(in: -3...3, using: &generator) * magnitude
            let width = magnitude * pow(10, Double.random(in: -3...1, using: &generator))
            let range = center...(center + width)
            let maximumCount = Int.random(in: 3...10, using: &generator)
            let ticks = NiceTicks(covering: range, maximumCount: maximumCount)
            let values = ticks.ticks.map(\.value)
            #expect(values.count >= 2 && values.count <= maximumCount, "\(range): \(values)")
            let step = try #require(roundStep(of: ticks.ticks), "\(range): \(values)")
            #expect(try #require(values.first) <= range.lowerBound + step * 1e-9, "\(range): \(values)")
            #expect(try #require(values.last) >= range.upperBound - step * 1e-9, "\(range): \(values)")
            #expect(ticks.domain == values[0]...values[values.count - 1])
            for tick in ticks.ticks {
                let read = try #require(number(fromLabel: tick.label), "unreadable label \(tick.label)")
                #expect(abs(read - tick.value) <= 1e-9 * max(abs(tick.value), width), "\(tick)")
            }
        }
    }

    @Test("ticks within a range stay inside it and are round")
    func withinRandomRanges() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<1000 {
            let magnitude = pow(10, Double.random(in: -8...8, using: &generator))
            let low = Double.random(in: -5...5, using: &generator) * magnitude
            let range = low...(low + magnitude * Double.random(in: 0.1...10, using: &generator))
            let ticks = NiceTicks(within: range)
            #expect(!ticks.ticks.isEmpty && ticks.ticks.count <= 7, "\(range)")
            #expect(ticks.ticks.allSatisfy { range.contains($0.value) }, "\(range): \(ticks.ticks)")
            #expect(ticks.ticks.count < 2 || roundStep(of: ticks.ticks) != nil, "\(range): \(ticks.ticks)")
            #expect(ticks.domain == range)
        }
    }

    @Test("the book's ranges get the ticks a person would draw")
    func bookRanges() {
        #expect(NiceTicks(within: 0...2).ticks.map(\.label) == ["0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(NiceTicks(within: -5.5...1).ticks.map(\.label) == ["−5", "−4", "−3", "−2", "−1", "0", "1"])
        let loss = NiceTicks(covering: 0.243...0.49)
        #expect(loss.ticks.map(\.label) == ["0.20", "0.25", "0.30", "0.35", "0.40", "0.45", "0.50"])
        #expect(loss.domain == 0.2...0.5)
    }

    @Test("labels and values carry no float noise")
    func noFloatNoise() {
        let ticks = NiceTicks(covering: 0...(0.1 + 0.2) * 2)
        #expect(ticks.ticks.map(\.label) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"])
        #expect(ticks.ticks[3].value == 0.3)
        #expect(ticks.ticks.allSatisfy { !$0.label.contains("000") })
    }

    @Test("a single value gets round ticks around it", arguments: [0.0, 1, -3.7, 1e-9, 123_456, 0.245])
    func singleValue(value: Double) {
        let ticks = NiceTicks(covering: value...value)
        #expect(ticks.ticks.count >= 2)
        #expect(ticks.domain.lowerBound < value && ticks.domain.upperBound > value)
        #expect(roundStep(of: ticks.ticks) != nil)
    }

    @Test("negative ticks use the minus sign")
    func minusSign() {
        let labels = NiceTicks(covering: -3...(-1)).ticks.map(\.label)
        #expect(labels.first == "−3.0")
        #expect(labels.allSatisfy { !$0.contains("-") })
    }

    @Test("huge and tiny ranges get scientific labels without float noise")
    func scientificLabels() {
        #expect(NiceTicks(covering: 0...3e6).ticks.map(\.label) == ["0", "5×10⁵", "10⁶", "1.5×10⁶", "2×10⁶", "2.5×10⁶", "3×10⁶"])
        #expect(NiceTicks(covering: 2e-7...6e-7).ticks.map(\.label).first == "2×10⁻⁷")
        let huge = NiceTicks(covering: 1e300...3e300)
        #expect(huge.ticks.first?.label == "10³⁰⁰")
        #expect(huge.ticks.allSatisfy { $0.value.isFinite })
    }

    @Test("logarithmic ticks over many decades are powers of ten")
    func logarithmicDecades() {
        let ticks = NiceTicks(covering: 3e-5...2, scale: .logarithmic)
        #expect(ticks.ticks.map(\.value) == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10])
        #expect(ticks.ticks.map(\.label) == ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"])
        let wide = NiceTicks(covering: 1e-20...1e20, scale: .logarithmic)
        #expect(wide.ticks.count <= 7)
        #expect(wide.domain.lowerBound <= 1e-20 && wide.domain.upperBound >= 1e20)
        #expect(wide.ticks.allSatisfy { log10($0.value).rounded() == log10($0.value) })
    }

    @Test("logarithmic ticks inside a decade use multiples 1 to 9")
    func logarithmicWithinDecade() {
        let ticks = NiceTicks(covering: 0.243...0.49, scale: .logarithmic)
        #expect(ticks.ticks.map(\.label) == ["0.2", "0.3", "0.4", "0.5"])
        #expect(ticks.ticks.map(\.value) == [0.2, 0.3, 0.4, 0.5])
        let twoDecades = NiceTicks(covering: 0.3...3, scale: .logarithmic)
        #expect(twoDecades.ticks.map(\.label) == ["0.2", "0.5", "1", "2", "5"])
    }

    @Test("random logarithmic ranges are covered by 1, 2, 5 or 1–9 multiples of powers of ten")
    func logarithmicRandomRanges() throws {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<1000 {
            let low = pow(10, Double.random(in: -30...30, using: &generator))
            let range = low...(low * pow(10, Double.random(in: 0.01...25, using: &generator)))
            let ticks = NiceTicks(covering: range, scale: .logarithmic)
            let values = ticks.ticks.map(\.value)
            #expect(values.count >= 2 && values.count <= 7, "\(range): \(values)")
            #expect(try #require(values.first) <= range.lowerBound && values.last! >= range.upperBound)
            for value in values {
                let significand = value / pow(10, log10(value).rounded(.down))
                #expect(abs(significand - significand.rounded()) < 1e-9, "\(value)")
            }
        }
    }
}
