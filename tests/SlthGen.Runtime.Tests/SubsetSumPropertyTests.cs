using System;
using System.Linq;
using CsCheck;

namespace SlthGen.Tests;

/// <summary>CsCheck properties: every answer agrees with brute force, over sizes, magnitudes and targets.</summary>
public class SubsetSumPropertyTests
{
    /// <summary>Values of a random magnitude (2^1 .. 2^62), some zeros, some duplicates, some of one sign.</summary>
    private static readonly Gen<long[]> Values =
        from n in Gen.Int[0, 14]
        from bits in Gen.Int[1, 62]
        from shape in Gen.Int[0, 3]
        from raw in Gen.Long[-(1L << bits), 1L << bits].Array[n]
        from picks in Gen.Int[0, 13].Array[n]
        select shape switch
        {
            0 => raw,
            1 => raw.Select((x, i) => picks[i] % 3 == 0 ? 0 : x).ToArray(),
            2 => raw.Select((x, i) => i > 0 && picks[i] % 2 == 0 ? raw[picks[i] % i] : x).ToArray(),
            _ => raw.Select(x => x == long.MinValue ? long.MinValue : -Math.Abs(x)).ToArray(),
        };

    /// <summary>A target of each kind: a subset's sum, 0, just out of reach, arbitrary.</summary>
    private static readonly Gen<(long[] Values, long Target)> Instances =
        from values in Values
        from kind in Gen.Int[0, 4]
        from mask in Gen.Int[0, (1 << 14) - 1]
        from arbitrary in Gen.Long
        select (values, kind switch
        {
            0 => values.Where((_, i) => (mask >> i & 1) != 0).Aggregate(0L, (a, x) => unchecked(a + x)),
            1 => 0L,
            2 => values.Where(x => x > 0).Aggregate(0L, (a, x) => unchecked(a + x)) + 1,
            3 => values.Where(x => x < 0).Aggregate(0L, (a, x) => unchecked(a + x)) - 1,
            _ => arbitrary,
        });

    [Fact]
    public void Solve_agrees_with_brute_force() =>
        Instances.Sample(
            (values, target) => SubsetSumReference.Violation(values, target, SubsetSumSolver.Solve(values, target)) is null,
            iter: 3000);

    [Fact]
    public void Small_magnitudes_agree_with_brute_force() =>
        (from n in Gen.Int[0, 16]
         from values in Gen.Long[-40, 40].Array[n]
         from target in Gen.Long[-120, 120]
         select (values, target))
        .Sample((values, target) => SubsetSumReference.Violation(values, target, SubsetSumSolver.Solve(values, target)) is null, iter: 3000);

    [Fact]
    public void Answers_are_deterministic() =>
        Instances.Sample(
            (values, target) => SubsetSumSolver.Solve(values, target).ToString() == SubsetSumSolver.Solve(values.ToArray(), target).ToString(),
            iter: 500);
}
