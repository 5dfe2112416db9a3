import D2LOptimizers

// PyTorch's torch.optim.RMSprop(params, lr=0.01, alpha=0.99, eps=1e-8, momentum=0.9):
let torchLike = try OptimizerRegistry.algorithm(
    named: "rmsprop", hyperparameters: ["lr": 0.01, "momentum": 0.9], preset: .pytorch)

// Gluon's Trainer(net.collect_params(), 'rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9}):
let gluonLike = try OptimizerRegistry.algorithm(
    named: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9], preset: .mxnet)

// A preset's RMSProp as a value, its options then changed like any other (PyTorch's centred
// form updates the mean gradient with lerp_, as the registry's "centered" does under .pytorch):
var centered = Preset.pytorch.rmsprop(learningRate: 0.01)
centered.centering = .centeredByLerp
centered.momentum = 0.9

// Or configured directly:
let tf1Like = RMSProp(learningRate: 0.01, decay: 0.9, epsilon: 1e-10,
                      averaging: .incremental, initialAccumulator: 1)

print(torchLike)   // rmsprop: lr 0.01, gamma 0.99, eps 1e-08 (outside), centered false, momentum 0.9 (lr-outside), …
print(centered.explain())
// rmsprop, Float, hyperparameters native, step 1:
// 1. s ← γ·s + (1 − γ)·g²
// 2. m ← m + (g − m)·(1 − γ)
// 3. v ← s − m²
// 4. u ← g / (√v + ε)
// 5. b ← μ·b + u
// 6. p ← p − η·b
// where η = 0.01, γ = 0.99, 1 − γ = 0.01, ε = 1e-08, μ = 0.9
