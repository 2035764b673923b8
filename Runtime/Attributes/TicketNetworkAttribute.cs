using System;

namespace SlthGen;

/// <summary>
/// Marks a <c>partial</c> class as a ticket network: at compile time SlthGen samples a random
/// network g from <see cref="Seed"/>, prunes it to an exact ticket of the target declared by the
/// class's <see cref="LayerAttribute"/>s, and emits the ticket, the reference and their tests.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TicketNetworkAttribute : Attribute
{
    /// <summary>The seed of the random network g.</summary>
    public long Seed { get; set; }

    /// <summary>Theorem 1 (<see cref="TicketConstruction.Depth2L"/>, the default) or Theorem 2.</summary>
    public TicketConstruction Construction { get; set; }

    /// <summary>Hidden neurons per input block (n); 0 = the smallest width that works, per layer.</summary>
    public int HiddenPerInput { get; set; }

    /// <summary>Copies of every hidden target neuron (Theorem 2's c); 0 = automatic, per layer.</summary>
    public int Copies { get; set; }

    /// <summary>
    /// How block layers share g's hidden neurons among inputs: <see cref="BlockLayout.Adaptive"/>
    /// (the default: each input gets the fewest neurons its instances need) or
    /// <see cref="BlockLayout.Fixed"/> (equal blocks, one width per layer). A given
    /// <see cref="HiddenPerInput"/> always uses fixed blocks.
    /// </summary>
    public BlockLayout Blocks { get; set; }
}
