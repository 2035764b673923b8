using SlthGen;

namespace SlthGen.XunitV3.Tests;

/// <summary>XOR through Theorem 2; its generated tests run under xunit v3.</summary>
[TicketNetwork(Seed = 11, Construction = TicketConstruction.DepthLPlus1)]
[Precision(TargetBits = 4, InitBits = 6, TicketBits = 4, ActivationBits = 4)]
[Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
[Layer(2, 1, new[] { 16, 16 })]
public static partial class XorV3
{
}
