using System;

namespace SlthGen;

/// <summary>
/// The precisions of a ticket network, each as a number of fractional bits (precision 2^-bits).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PrecisionAttribute : Attribute
{
    /// <summary>δt: the target's weights and biases are integers in units of 2^-TargetBits.</summary>
    public int TargetBits { get; set; }

    /// <summary>δin: g's weights are drawn uniformly at this precision.</summary>
    public int InitBits { get; set; }

    /// <summary>δ: g's weights are reduced (floored) to this precision before pruning.</summary>
    public int TicketBits { get; set; }

    /// <summary>γ: inputs and every layer's output are integers in units of 2^-ActivationBits.</summary>
    public int ActivationBits { get; set; }

    /// <summary>The smallest input value (a multiple of γ); default −1.</summary>
    public double InputMin { get; set; } = -1;

    /// <summary>The largest input value (a multiple of γ); default 1.</summary>
    public double InputMax { get; set; } = 1;
}
