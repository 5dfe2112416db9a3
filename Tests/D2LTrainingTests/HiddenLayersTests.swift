import D2LOptimizers
import D2LTraining
import Foundation
import Testing

/// `Ch7Settings.hiddenLayers`: the ReLU MLP in place of the linear model, from scratch and
/// concise.
@Suite struct HiddenLayersTests {
    let data: SectionData<Double>
    let settings = Ch7Settings(batchSize: 10, epochs: 1, seed: 3, hiddenLayers: [8, 4])

    init() throws {
        data = try SectionData<Double>()
    }

    @Test func theMLPHasAWeightAndABiasPerLayer() throws {
        var optimizer = try Optimizer<Double>(SGD(learningRate: 0.05))
        let result = try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer)
        #expect(result.parameters.count == 5 * 8 + 8 + 8 * 4 + 4 + 4 * 1 + 1)
        #expect(optimizer.state.shapes == [[5, 8], [8], [8, 4], [4], [4, 1], [1]])
    }

    @Test func bothPathsTrainTheSameModel() throws {
        var optimizer = try Optimizer<Double>(SGD(learningRate: 0.05))
        let scratch = try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer)
        let concise = try TrainConcise.run(algorithm: SGD(learningRate: 0.05), data: data, settings: settings)
        #expect(scratch.losses.count == concise.losses.count)
        for (a, b) in zip(scratch.losses, concise.losses) {
            #expect(abs(a - b) <= 1e-9 * abs(a), "the mean of (ŷ − y)²/2 and Gluon's L2 loss rescaled by 1/batch are one loss")
        }
    }

    @Test func settingsSavedWithoutHiddenLayersHaveNone() throws {
        let saved = #"{"batchSize":10,"epochs":2,"shuffle":true,"seed":0,"initialization":"normal"}"#
        let decoded = try JSONDecoder().decode(Ch7Settings.self, from: Data(saved.utf8))
        #expect(decoded == Ch7Settings())
    }
}
