import D2LTestSupport
import Testing

@Suite("d2l optimizers --explain")
struct ExplainCommandTests {
    @Test("prints the configured update as numbered operations, then the values")
    func explainsPyTorchCenteredMomentum() throws {
        let result = try CommandRunner.run([
            "optimizers", "--explain", "--optimizer", "RMSprop", "--centered", "--momentum", "0.9", "--preset", "pytorch",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            rmsprop, Float, hyperparameters native, step 1:
            1. s ← γ·s + (1 − γ)·g²
            2. m ← m + (g − m)·(1 − γ)
            3. v ← s − m²
            4. u ← g / (√v + ε)
            5. b ← μ·b + u
            6. p ← p − η·b
            where η = 0.01, γ = 0.99, 1 − γ = 0.01, ε = 1e-08, μ = 0.9

            """)
    }

    @Test("option flags without --explain are a usage error")
    func flagsNeedExplain() throws {
        let result = try CommandRunner.run(["optimizers", "--lr", "0.1"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--explain"))
    }
}
