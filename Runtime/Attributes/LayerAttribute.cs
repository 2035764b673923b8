using System;

namespace SlthGen;

/// <summary>
/// One target layer, in declaration order: <c>outputs × inputs</c> weights, row-major
/// [output][input], as integers in units of 2^-TargetBits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerAttribute : Attribute
{
    /// <summary>Declares a layer.</summary>
    public LayerAttribute(int inputs, int outputs, int[] weights)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
    }

    /// <summary>d_{i-1}.</summary>
    public int Inputs { get; }

    /// <summary>d_i.</summary>
    public int Outputs { get; }

    /// <summary>Row-major [output][input] weights in units of 2^-TargetBits.</summary>
    public int[] Weights { get; }

    /// <summary>Optional biases, one per output, in units of 2^-TargetBits.</summary>
    public int[]? Biases { get; set; }
}
