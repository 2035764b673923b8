using SlthGen;

namespace SlthGen.Samples.Digits;

/// <summary>
/// A 4-bit 64-32-10 digit classifier (weights trained and quantised by Samples/Digits.Training),
/// found exactly inside a random network whose weights were rounded down to δ = 2^-2: every
/// random weight takes one of only 9 values, yet a pruning mask recovers the classifier bit for bit.
/// Inputs are the 8×8 pixels, 0–16, which are exactly γ = 2^-4 values in [0, 1].
/// </summary>
[TicketNetwork(Seed = 2024, Construction = TicketConstruction.Depth2L)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4, InputMin = 0, InputMax = 1)]
[WeightsFile("digits-4bit.npz")]
public static partial class Digits
{
}
