using System;

namespace SlthGen;

/// <summary>
/// The subset-sum instances that represent one target layer in g, as a function of the width
/// (hidden neurons per input block, or copies of the input neurons). Every instance picks, among
/// the weights leading into one neuron of g, a subset that sums to one target weight.
/// </summary>
internal abstract class LayerProblem
{
    /// <summary>The target layer, 0-based.</summary>
    public abstract int TargetLayer { get; }

    /// <summary>The number of instances (independent of the width).</summary>
    public abstract int InstanceCount { get; }

    /// <summary>The most values an instance can have at <paramref name="width"/>.</summary>
    public abstract int MaxValues(int width);

    /// <summary>
    /// Writes the values of <paramref name="instance"/> at <paramref name="width"/> and, for each,
    /// the member (the column of g it comes from); returns the count. Writes the target.
    /// </summary>
    public abstract int Fill(int instance, int width, Span<long> values, Span<int> members, out long target);

    /// <summary>
    /// The width a member needs to exist: its position in its block (or copy index) plus one.
    /// A solution whose members all need at most w is a solution at every width ≥ w.
    /// </summary>
    public abstract int WidthNeeded(int member);

    /// <summary>Precomputes what every instance shares at <paramref name="width"/>; called before solving in parallel.</summary>
    public virtual void Prepare(int width)
    {
    }

    /// <summary>Names an instance for error messages: target output, copy, input and sign.</summary>
    public abstract InstanceName Name(int instance);
}

/// <summary>Which target weight an instance represents.</summary>
/// <param name="Layer">The target layer, 1-based.</param>
/// <param name="Output">The output neuron (d_i means the constant channel carried on).</param>
/// <param name="Input">The input neuron (d_{i-1} means the constant channel: a bias).</param>
/// <param name="Copy">The copy of the output neuron (Theorem 2), else 0.</param>
/// <param name="NegativeSide">True for the instance serving negative inputs (neurons with a &lt; 0).</param>
public readonly record struct InstanceName(int Layer, int Output, int Input, int Copy, bool NegativeSide);
