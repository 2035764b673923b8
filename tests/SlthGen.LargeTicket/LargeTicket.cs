using SlthGen;

namespace SlthGen.CompileTargets;

/// <summary>
/// A 784-500-10 ReLU network with random 4-bit weights (tools/make_large_network.py), inputs in
/// [0, 1]: the large target of the compile-time benchmarks. Everything else is generated.
/// </summary>
[TicketNetwork(Seed = 1)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4, InputMin = 0, InputMax = 1)]
[WeightsFile("large-784-500-10.npz")]
public static partial class LargeTicket
{
}
