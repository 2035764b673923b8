using SlthGen;

namespace SlthGen.Generated.Tests;

/// <summary>XOR, Theorem 1, with (zero) biases: the README's example.</summary>
[TicketNetwork(Seed = 42, Construction = TicketConstruction.Depth2L)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
[Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
[Layer(2, 1, new[] { 16, 16 })]
public static partial class Xor
{
}

/// <summary>Three layers, odd widths, zeros, ±1 weights and real biases; Theorem 1; inputs in [-1/2, 3/4].</summary>
[TicketNetwork(Seed = 2026, Construction = TicketConstruction.Depth2L)]
[Precision(TargetBits = 3, InitBits = 5, TicketBits = 2, ActivationBits = 3, InputMin = -0.5, InputMax = 0.75)]
[Layer(3, 5, new[] { 8, -8, 0, 3, -1, 2, 0, 0, 0, -5, 7, 1, 4, 4, -8 }, Biases = new[] { 1, -2, 0, 8, -8 })]
[Layer(5, 3, new[] { 1, 0, -3, 8, 2, -8, 5, 0, 0, 1, 0, 0, 0, 0, 0 })]
[Layer(3, 1, new[] { 6, -7, 8 }, Biases = new[] { -3 })]
public static partial class Deep
{
}

/// <summary>The same shape through Theorem 2 (depth ℓ+1, copies of hidden neurons).</summary>
[TicketNetwork(Seed = 5, Construction = TicketConstruction.DepthLPlus1)]
[Precision(TargetBits = 3, InitBits = 4, TicketBits = 3, ActivationBits = 3, InputMin = -0.5, InputMax = 0.75)]
[Layer(3, 5, new[] { 8, -8, 0, 3, -1, 2, 0, 0, 0, -5, 7, 1, 4, 4, -8 }, Biases = new[] { 1, -2, 0, 8, -8 })]
[Layer(5, 3, new[] { 1, 0, -3, 8, 2, -8, 5, 0, 0, 1, 0, 0, 0, 0, 0 })]
[Layer(3, 1, new[] { 6, -7, 8 }, Biases = new[] { -3 })]
public static partial class Shallow
{
}

/// <summary>Non-negative inputs (only positive-side instances), a user-given width, and an internal nested class.</summary>
public static partial class Outer
{
    [TicketNetwork(Seed = -9, HiddenPerInput = 60)]
    [Precision(TargetBits = 2, InitBits = 3, TicketBits = 1, ActivationBits = 2, InputMin = 0, InputMax = 1)]
    [Layer(4, 2, new[] { 4, -4, 1, 0, -1, 2, 3, -2 }, Biases = new[] { -1, 1 })]
    internal static partial class Positive
    {
    }
}

/// <summary>Xor again, its layers read from a JSON weights file at compile time.</summary>
[TicketNetwork(Seed = 42)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
[WeightsFile("Weights/xor.json")]
public static partial class XorFromJson
{
}

/// <summary>Deep's layers from a NumPy .npz (int8, int16 and int32 arrays).</summary>
[TicketNetwork(Seed = 2026)]
[Precision(TargetBits = 3, InitBits = 5, TicketBits = 2, ActivationBits = 3, InputMin = -0.5, InputMax = 0.75)]
[WeightsFile("Weights/deep.npz")]
public static partial class DeepFromNpz
{
}

/// <summary>A one-layer network from a single .npy weight matrix.</summary>
[TicketNetwork(Seed = 3)]
[Precision(TargetBits = 2, InitBits = 3, TicketBits = 1, ActivationBits = 2, InputMin = 0, InputMax = 1)]
[WeightsFile("Weights/single.npy")]
public static partial class SingleFromNpy
{
}
