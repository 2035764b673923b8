using SlthGen;

namespace SlthGen.Samples.Xor;

/// <summary>
/// XOR as a 2-2-1 ReLU network with 4-bit weights: |x0 − x1| = σ(x0 − x1) + σ(x1 − x0), which is XOR on {0, 1}²
/// and defined on the whole input range [-1, 1]².
/// SlthGen finds it, exactly, inside a random network whose weights take only 9 values (δ = 2^-2).
/// </summary>
[TicketNetwork(Seed = 42, Construction = TicketConstruction.Depth2L)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
[Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
[Layer(2, 1, new[] { 16, 16 })]
public static partial class Xor
{
}

/// <summary>The same function through Theorem 2: depth ℓ+1 = 3, with copies of the hidden neurons.</summary>
[TicketNetwork(Seed = 7, Construction = TicketConstruction.DepthLPlus1)]
[Precision(TargetBits = 4, InitBits = 6, TicketBits = 4, ActivationBits = 4)]
[Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
[Layer(2, 1, new[] { 16, 16 })]
public static partial class XorShallow
{
}
