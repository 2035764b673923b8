using System;

namespace SlthGen;

/// <summary>
/// Many independent subset-sum instances stored flat (one values array, offsets, targets), so a
/// layer's hundreds of thousands of instances cost three arrays rather than one object each.
/// </summary>
public sealed class SubsetSumBatch
{
    private readonly long[] _values;
    private readonly int[] _offsets;
    private readonly long[] _targets;

    /// <summary>
    /// Instance i has values <c>values[offsets[i] .. offsets[i+1])</c> and target <c>targets[i]</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The offsets do not describe <paramref name="values"/> or do not match <paramref name="targets"/>.</exception>
    public SubsetSumBatch(long[] values, int[] offsets, long[] targets)
    {
        _values = values ?? throw new ArgumentNullException(nameof(values));
        _offsets = offsets ?? throw new ArgumentNullException(nameof(offsets));
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        if (offsets.Length != targets.Length + 1)
        {
            throw new ArgumentException($"offsets needs one entry more than targets ({targets.Length + 1}), found {offsets.Length}.", nameof(offsets));
        }

        if (offsets[0] != 0 || offsets[offsets.Length - 1] != values.Length)
        {
            throw new ArgumentException($"offsets must start at 0 and end at values.Length ({values.Length}).", nameof(offsets));
        }

        for (int i = 0; i < targets.Length; i++)
        {
            if (offsets[i + 1] < offsets[i])
            {
                throw new ArgumentException($"offsets must not decrease (offsets[{i + 1}] < offsets[{i}]).", nameof(offsets));
            }
        }
    }

    /// <summary>The number of instances.</summary>
    public int Count => _targets.Length;

    /// <summary>The values of instance <paramref name="index"/>.</summary>
    public ReadOnlySpan<long> Values(int index) => new(_values, _offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The target of instance <paramref name="index"/>.</summary>
    public long Target(int index) => _targets[index];
}
