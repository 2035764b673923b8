using System;

namespace SlthGen;

/// <summary>
/// Takes the target's layers from a weights file instead of <see cref="LayerAttribute"/>s: NumPy
/// <c>.npz</c> (arrays <c>W1, b1, W2, …</c> of shape [outputs, inputs]), <c>.npy</c> (one weight
/// matrix: a one-layer network) or JSON (see docs/weights.md), with integer values in units of
/// 2^-TargetBits. The file must be listed as an <c>AdditionalFiles</c> item; the path is relative
/// to the source file that declares the attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WeightsFileAttribute : Attribute
{
    /// <summary>Names the weights file.</summary>
    public WeightsFileAttribute(string path) => Path = path;

    /// <summary>The weights file, relative to the declaring source file.</summary>
    public string Path { get; }
}
