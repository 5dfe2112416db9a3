import D2LDatasets
import D2LOptimizers
import D2LTensor
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

/// The bits of every loss and parameter, to compare runs exactly.
func bits(_ result: TrainingResult) -> [UInt64] {
    result.losses.map(\.bitPattern) + [UInt64.max] + result.parameters.map(\.bitPattern)
}

@Suite("Checkpoints: saving, resuming bit for bit, refusing what does not fit")
struct CheckpointTests {
    static let floatData = try! SectionData<Float>()
    static let doubleData = try! SectionData<Double>()
    static let algorithm = RMSProp(learningRate: 0.01, decay: 0.9)

    /// Trains from scratch (`concise` false) or with the trainer, in `Scalar`.
    static func train<Scalar: TensorScalar>(
        _ data: SectionData<Scalar>, _ settings: Ch7Settings, concise: Bool, checkpointing: Checkpointing? = nil,
        algorithm: any OptimizationAlgorithm = CheckpointTests.algorithm
    ) throws -> TrainingResult {
        if concise {
            return try TrainConcise.run(algorithm: algorithm, data: data, settings: settings, checkpointing: checkpointing)
        }
        var optimizer = try Optimizer<Scalar>(algorithm)
        return try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer, checkpointing: checkpointing)
    }

    static func file(_ folder: URL) -> URL { folder.appendingPathComponent("run.ckpt") }

    /// Trains `epochs` epochs with checkpointing, stopping after `stopAfterStep` steps when
    /// given, then resumes up to `settings.epochs`.
    static func interruptedAndResumed<Scalar: TensorScalar>(
        _ data: SectionData<Scalar>, _ settings: Ch7Settings, concise: Bool, firstEpochs: Int, stopAfterStep: Int? = nil
    ) throws -> TrainingResult {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var first = settings
        first.epochs = firstEpochs
        let stop = StopRequest()
        let checkpointing = Checkpointing(file: file(folder), stopRequest: stop)
        do {
            _ = try TrainingProgress.$observer.withValue({ step, _ in if step == stopAfterStep { stop.request() } }) {
                try train(data, first, concise: concise, checkpointing: checkpointing)
            }
            #expect(stopAfterStep == nil, "the run should have been interrupted")
        } catch let interruption as TrainingInterrupted {
            #expect(interruption.stepCount == (stopAfterStep ?? 0))
        }
        return try train(data, settings, concise: concise, checkpointing: Checkpointing(file: file(folder), resume: true))
    }

    @Test("without checkpointing, the optimizer entry point trains exactly as the closure one")
    func unchangedWithoutCheckpoints() throws {
        let settings = Ch7Settings(epochs: 2)
        var optimizer = try Optimizer<Float>(Self.algorithm)
        let closure = try TrainCh7.run(data: Self.floatData, settings: settings) { try optimizer.step(&$0, gradients: $1) }
        let entry = try Self.train(Self.floatData, settings, concise: false)
        #expect(bits(closure) == bits(entry))
    }

    @Test("a run resumed from an end-of-epoch checkpoint equals the uninterrupted run, bit for bit", arguments: [false, true])
    func resumesAtEpochEnd(concise: Bool) throws {
        for seed: UInt64 in [0, .max] {
            let settings = Ch7Settings(epochs: 3, seed: seed)
            let straight = try Self.train(Self.floatData, settings, concise: concise)
            let resumed = try Self.interruptedAndResumed(Self.floatData, settings, concise: concise, firstEpochs: 1)
            #expect(bits(resumed) == bits(straight))
            #expect(resumed.losses.count == 1 + 3 * 15)
        }
        let settings = Ch7Settings(epochs: 2)
        let straight = try Self.train(Self.doubleData, settings, concise: concise)
        #expect(bits(try Self.interruptedAndResumed(Self.doubleData, settings, concise: concise, firstEpochs: 1)) == bits(straight))
    }

    @Test("a run interrupted mid-epoch resumes bit for bit", arguments: [
        (false, 10, 137), (true, 10, 137), (false, 7, 300), (true, 7, 1), (false, 10, 150), (false, 10, 151),
    ] as [(Bool, Int, Int)])
    func resumesMidEpoch(concise: Bool, batchSize: Int, stopAfterStep: Int) throws {
        let settings = Ch7Settings(batchSize: batchSize, epochs: 3)
        let straight = try Self.train(Self.floatData, settings, concise: concise)
        let resumed = try Self.interruptedAndResumed(
            Self.floatData, settings, concise: concise, firstEpochs: 3, stopAfterStep: stopAfterStep
        )
        #expect(bits(resumed) == bits(straight))
    }

    @Test("an unshuffled, zero-initialised run resumes bit for bit too")
    func resumesUnshuffled() throws {
        let settings = Ch7Settings(epochs: 2, shuffle: false, initialization: .zeros)
        let straight = try Self.train(Self.floatData, settings, concise: false)
        let resumed = try Self.interruptedAndResumed(Self.floatData, settings, concise: false, firstEpochs: 2, stopAfterStep: 77)
        #expect(bits(resumed) == bits(straight))
    }

    /// A folder holding a checkpoint saved after 1 epoch of the default settings.
    static func savedCheckpoint() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        _ = try train(floatData, Ch7Settings(epochs: 1), concise: false, checkpointing: Checkpointing(file: file(folder)))
        return folder
    }

    @Test("a checkpoint from other settings, hyperparameters or data is refused before training")
    func otherRuns() throws {
        let folder = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: folder) }
        let resume = Checkpointing(file: Self.file(folder), resume: true)
        func refusal(_ body: () throws -> TrainingResult) -> String {
            do {
                _ = try body()
                return "accepted"
            } catch let error as CheckpointError {
                guard case .otherRun = error else { return "\(error)" }
                return error.description
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal { try Self.train(Self.floatData, Ch7Settings(epochs: 2, seed: 1), concise: false, checkpointing: resume) }.contains("--seed"))
        #expect(refusal { try Self.train(Self.floatData, Ch7Settings(batchSize: 20, epochs: 2), concise: false, checkpointing: resume) }.contains("--batch-size"))
        #expect(refusal { try Self.train(Self.floatData, Ch7Settings(epochs: 2), concise: true, checkpointing: resume) }.contains("--concise"))
        #expect(refusal { try Self.train(Self.doubleData, Ch7Settings(epochs: 2), concise: false, checkpointing: resume) }.contains("--dtype"))
        let otherRate = RMSProp(learningRate: 0.02, decay: 0.9)
        #expect(refusal { try Self.train(Self.floatData, Ch7Settings(epochs: 2), concise: false, checkpointing: resume, algorithm: otherRate) }.contains("learningRate"))
        var otherData = Self.floatData
        otherData.labels = Float(2) * otherData.labels
        #expect(refusal { try Self.train(otherData, Ch7Settings(epochs: 2), concise: false, checkpointing: resume) }.contains("data"))
    }

    @Test("a new run does not overwrite an existing checkpoint, and a resumed one cannot go back in epochs")
    func existingFile() throws {
        let folder = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CheckpointError.alreadyExists(file: Self.file(folder).path)) {
            try Self.train(Self.floatData, Ch7Settings(epochs: 2), concise: false, checkpointing: Checkpointing(file: Self.file(folder)))
        }
        let checkpoint = try Checkpoint.read(from: Self.file(folder))
        #expect(checkpoint.epoch == 1 && checkpoint.batch == 0 && checkpoint.stepCount == 150)
        // Resuming at the end it is already at trains nothing more and reports the same run.
        let straight = try Self.train(Self.floatData, Ch7Settings(epochs: 1), concise: false)
        let again = try Self.train(Self.floatData, Ch7Settings(epochs: 1), concise: false, checkpointing: Checkpointing(file: Self.file(folder), resume: true))
        #expect(bits(again) == bits(straight))
        #expect(throws: CheckpointError.self) {
            try Self.train(Self.floatData, Ch7Settings(epochs: 2), concise: false, checkpointing: Checkpointing(file: folder.appendingPathComponent("none.ckpt"), resume: true))
        }
    }

    @Test("text from a damaged file is escaped, so that every message stays on one line")
    func messagesStayOnOneLine() throws {
        let folder = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: folder) }
        let valid = try Data(contentsOf: Self.file(folder))
        let headerLength = valid.firstIndex(of: UInt8(ascii: "\n"))! + 1
        let payload = String(decoding: valid.dropFirst(headerLength), as: UTF8.self)
        // Found by the fuzzer: a hyperparameter name holding a line break (a JSON escape).
        for (find, replace) in [("\"decay\"", #""de\ncay""#), ("\"train_ch7\"", #""train\r\nch7""#), ("\"rmsprop\"", #""rms\u2028prop""#)] {
            let edited = Data(payload.replacingOccurrences(of: find, with: replace).utf8)
            #expect(edited != Data(payload.utf8), "\(find) not found")
            try (Data("swift-d2l-checkpoint 1 \(edited.count) \(SHA1Digest(hashing: edited))\n".utf8) + edited).write(to: Self.file(folder))
            let error = try #require(throws: CheckpointError.self) {
                try Self.train(Self.floatData, Ch7Settings(epochs: 2), concise: false, checkpointing: Checkpointing(file: Self.file(folder), resume: true))
            }
            #expect(error.description.allSatisfy { !$0.isNewline && $0 != "\u{2028}" }, "\(error)")
        }
    }

    @Test("empty, foreign, truncated, damaged, inconsistent and future-version files give clear errors")
    func badFiles() throws {
        let folder = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: folder) }
        let valid = try Data(contentsOf: Self.file(folder))
        func error(_ data: Data) -> CheckpointError? {
            do {
                _ = try Checkpoint.decode(data, file: "x.ckpt")
                return nil
            } catch {
                return error
            }
        }
        #expect(error(valid) == nil)
        #expect(error(Data()) == .empty(file: "x.ckpt"))
        #expect(error(Data("loss: 0.24\n".utf8)) == .notACheckpoint(file: "x.ckpt"))
        #expect(error(Data([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])) == .notACheckpoint(file: "x.ckpt"))
        var future = valid
        future.replaceSubrange(0..<22, with: Data("swift-d2l-checkpoint 7".utf8))
        #expect(error(future) == .unsupportedVersion(file: "x.ckpt", found: 7, supported: 1))
        #expect(error(future)?.description.contains("newer swift-d2l") == true)
        // Every truncation is refused.
        let headerLength = valid.firstIndex(of: UInt8(ascii: "\n"))! + 1
        for length in stride(from: 1, to: valid.count, by: 37) {
            let refusal = error(valid.prefix(length))
            #expect(refusal != nil, "truncated to \(length) bytes")
            if length >= headerLength, case .truncated = refusal {} else if length >= headerLength { Issue.record("\(length): \(String(describing: refusal))") }
        }
        // Every flipped byte after the header is caught by the digest.
        for index in stride(from: headerLength, to: valid.count, by: 13) {
            var damaged = valid
            damaged[index] ^= 0x20
            guard case .damaged? = error(damaged) else { Issue.record("byte \(index): \(String(describing: error(damaged)))"); continue }
        }
        // Contents that are well-formed JSON with a matching digest but impossible are refused too.
        let payload = String(decoding: valid.dropFirst(headerLength), as: UTF8.self)
        for (find, replace) in [("\"stepCount\":150", "\"stepCount\":151"), ("\"batch\":0", "\"batch\":-1"), ("\"epoch\":1", "\"epoch\":9")] {
            let edited = Data(payload.replacingOccurrences(of: find, with: replace).utf8)
            #expect(edited != Data(payload.utf8), "\(find) not found")
            let sealed = Data("swift-d2l-checkpoint 1 \(edited.count) \(SHA1Digest(hashing: edited))\n".utf8) + edited
            guard case .damaged? = error(sealed) else { Issue.record("\(replace): \(String(describing: error(sealed)))"); continue }
        }
        #expect(throws: CheckpointError.fileNotFound(file: folder.appendingPathComponent("none").path)) {
            try Checkpoint.read(from: folder.appendingPathComponent("none"))
        }
        #expect(throws: CheckpointError.self) { try Checkpoint.read(from: folder) }
    }
}
