using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SlthGen.Tests;

public class SubsetSumSolverTests
{
    /// <summary>A seeded instance: the value distribution varies with <paramref name="kind"/>.</summary>
    private static (long[] Values, long Target) Instance(SeededRandom random, int n, int kind)
    {
        var values = new long[n];
        long one;
        switch (kind)
        {
            case 0: // Lemma 5 products b·a, small k.
                int k = (int)random.NextInclusive(1, 5);
                one = 1L << k;
                for (int i = 0; i < n; i++)
                {
                    values[i] = random.NextInclusive(-one, one) * random.NextInclusive(1, one);
                }

                return (values, random.NextInclusive(-one * one, one * one));
            case 1: // Uniform δ-weights with zeros.
                one = 1L << (int)random.NextInclusive(1, 12);
                for (int i = 0; i < n; i++)
                {
                    values[i] = random.NextInclusive(-one, one);
                }

                return (values, random.NextInclusive(-one, one));
            case 2: // Large magnitudes: the 4-list search.
                one = 1L << (int)random.NextInclusive(20, 40);
                for (int i = 0; i < n; i++)
                {
                    values[i] = random.NextInclusive(-one, one);
                }

                break;
            case 3: // Duplicates, all of one sign.
                long sign = random.NextInclusive(0, 1) == 0 ? -1 : 1;
                one = 1L << (int)random.NextInclusive(2, 30);
                for (int i = 0; i < n; i++)
                {
                    values[i] = i > 0 && random.NextInclusive(0, 2) == 0 ? values[random.NextInclusive(0, i - 1)] : sign * random.NextInclusive(1, one);
                }

                break;
            default: // Near ±2^60: sums overflow 64 bits.
                for (int i = 0; i < n; i++)
                {
                    values[i] = random.NextInclusive((1L << 60) - 1000, (1L << 60) + 1000) * (random.NextInclusive(0, 1) == 0 ? -1 : 1);
                }

                break;
        }

        // Half the targets are sums of random subsets (solvable), half arbitrary.
        long target = 0;
        if (random.NextInclusive(0, 1) == 0)
        {
            foreach (long x in values)
            {
                if (random.NextInclusive(0, 1) == 1)
                {
                    target = unchecked(target + x);
                }
            }
        }
        else
        {
            target = random.NextInclusive(long.MinValue / 4, long.MaxValue / 4) >> (int)random.NextInclusive(0, 60);
        }

        return (values, target);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Agrees_with_brute_force_on_seeded_instances(int kind)
    {
        var random = new SeededRandom(1000 + kind);
        var failures = new List<string>();
        for (int trial = 0; trial < 1000 && failures.Count < 5; trial++)
        {
            int n = trial < 960 ? (int)random.NextInclusive(0, 15) : (int)random.NextInclusive(16, 20);
            var (values, target) = Instance(random, n, kind);
            string? violation = SubsetSumReference.Violation(values, target, SubsetSumSolver.Solve(values, target));
            if (violation is not null)
            {
                failures.Add(violation);
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("Bitset", 0)]
    [InlineData("FourList", 0)]
    [InlineData("FourList", 1)]
    [InlineData("FourList", 2)]
    [InlineData("FourList", 3)]
    [InlineData("FourList", 7)]
    [InlineData("Wide", 0)]
    public void Every_complete_search_agrees_with_brute_force(string pathName, int modulus)
    {
        var path = Enum.Parse<SubsetSumSolver.CompletePath>(pathName);
        // Small ranges so the bitset fits; few ≤ 4-element solutions so the complete search runs.
        var random = new SeededRandom(77 + (int)path + (10 * modulus));
        var failures = new List<string>();
        for (int trial = 0; trial < 400 && failures.Count < 5; trial++)
        {
            int n = (int)random.NextInclusive(5, 16);
            long one = 1L << (int)random.NextInclusive(3, 12);
            var values = new long[n];
            for (int i = 0; i < n; i++)
            {
                // Multiples of 3 skew the residues modulo 3 (the chunked path of the 4-list search).
                values[i] = random.NextInclusive(-one, one) * (modulus == 3 && i % 4 != 0 ? 3 : 1);
            }

            long target = 0;
            for (int i = 0; i < n; i++)
            {
                target += random.NextInclusive(0, 2) == 0 ? 0 : values[i];
            }

            target += random.NextInclusive(0, 1) == 0 ? 0 : random.NextInclusive(-3, 3);
            var result = SubsetSumSolver.SolveWith(values, target, long.MaxValue, path, modulus);
            string? violation = SubsetSumReference.Violation(values, target, result);
            if (violation is not null)
            {
                failures.Add(violation);
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Skewed_residues_overflow_the_pair_table_and_still_agree()
    {
        // All but one value ≡ 0 (mod 5): the residue classes of c + d are very unequal, so the
        // table of one residue fills and is matched in chunks.
        var random = new SeededRandom(5);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = 18;
            var values = new long[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = (random.NextInclusive(1, 1L << 30) * 5) + (i == 0 ? 1 : 0);
            }

            long target = values.Where((_, i) => i % 3 != 1).Sum();
            var result = SubsetSumSolver.SolveWith(values, target, long.MaxValue, SubsetSumSolver.CompletePath.FourList, 5);
            Assert.Null(SubsetSumReference.Violation(values, target, result));
        }
    }

    [Fact]
    public void Empty_target_zero_and_zeros()
    {
        Assert.True(SubsetSumSolver.Solve(ReadOnlySpan<long>.Empty, 0).IsSolved);
        Assert.Equal(0, SubsetSumSolver.Solve(ReadOnlySpan<long>.Empty, 0).Indices.Length);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(ReadOnlySpan<long>.Empty, 5).Status);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(new long[] { 0, 0, 0 }, 1).Status);

        var zero = SubsetSumSolver.Solve(new long[] { 3, -3, 7 }, 0);
        Assert.True(zero.IsSolved);
        Assert.Equal(0, zero.Indices.Length);

        // Zeros are never chosen.
        var withZeros = SubsetSumSolver.Solve(new long[] { 0, 4, 0, 5, 0 }, 9);
        Assert.Equal(new[] { 1, 3 }, withZeros.ToArray());
    }

    [Fact]
    public void Out_of_reach_targets_and_gcd_are_rejected()
    {
        long[] values = { 3, 5, -2, 7 };
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(values, 16).Status);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(values, -3).Status);
        Assert.True(SubsetSumSolver.Solve(values, 15).IsSolved);
        Assert.True(SubsetSumSolver.Solve(values, -2).IsSolved);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(new long[] { 6, 10, -14, 22, 26, 34 }, 51).Status);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(new long[] { -1, -2, -4 }, 1).Status);
        Assert.Equal(new[] { 0, 1, 2 }, SubsetSumSolver.Solve(new long[] { -1, -2, -4 }, -7).ToArray());
    }

    [Fact]
    public void Duplicates_and_extreme_values()
    {
        Assert.Equal(new[] { 0, 1, 2 }, SubsetSumSolver.Solve(new long[] { 5, 5, 5, 5 }, 15).ToArray());
        Assert.Equal(new[] { 0 }, SubsetSumSolver.Solve(new long[] { long.MinValue, long.MaxValue }, long.MinValue).ToArray());
        Assert.Equal(new[] { 0, 1 }, SubsetSumSolver.Solve(new long[] { long.MinValue, long.MaxValue }, -1).ToArray());
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(new long[] { long.MaxValue, long.MaxValue }, long.MaxValue - 1).Status);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(new long[] { long.MinValue, long.MinValue, 1 }, 2).Status);

        // Four values near 2^62 whose sum wraps modulo 2^64 onto the target: not a solution.
        long q = 1L << 62;
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(new long[] { q, q, q, q, 3 }, 0 + 3 + 1).Status);
        Assert.Equal(new[] { 4 }, SubsetSumSolver.Solve(new long[] { q, q, -q, -q, 7 }, 7).ToArray());
        Assert.Equal(new[] { 4, 5 }, SubsetSumSolver.Solve(new long[] { q, q, q, q, 3, -q }, 3 - q).ToArray());
    }

    [Fact]
    public void Minimum_cardinality_when_four_or_fewer_suffice()
    {
        // 1 + 2 + 4 + 8 = 15 needs four; a fifth value makes a shorter one.
        Assert.Equal(4, SubsetSumSolver.Solve(new long[] { 1, 2, 4, 8, 100, 200 }, 15).Indices.Length);
        Assert.Equal(2, SubsetSumSolver.Solve(new long[] { 1, 2, 4, 8, 100, 11 }, 15).Indices.Length);
        Assert.Equal(3, SubsetSumSolver.Solve(new long[] { 1, 2, 4, 8, 100, 9 }, 15).Indices.Length);

        // Planted sparse solutions among many large values (the 4-list regime).
        var random = new SeededRandom(4);
        for (int trial = 0; trial < 50; trial++)
        {
            var values = Enumerable.Range(0, 36).Select(_ => random.NextInclusive(-(1L << 40), 1L << 40)).ToArray();
            int size = (int)random.NextInclusive(2, 4);
            long target = values.Take(size).Sum();
            var result = SubsetSumSolver.Solve(values, target);
            Assert.True(SubsetSumSolver.IsSolution(values, target, result.Indices));
            Assert.True(result.Indices.Length <= size);
        }
    }

    [Fact]
    public void Large_instances_are_solved_and_verified()
    {
        var random = new SeededRandom(8);

        // The Lemma 5 regime at k = 8 and k = 16.
        foreach (var (k, n) in new[] { (8, 24), (16, 42) })
        {
            long one = 1L << k;
            for (int trial = 0; trial < 4; trial++)
            {
                var values = Enumerable.Range(0, n).Select(_ => random.NextInclusive(-one, one) * random.NextInclusive(1, one)).ToArray();
                long target = random.NextInclusive(-one * one, one * one);
                var result = SubsetSumSolver.Solve(values, target);
                Assert.NotEqual(SubsetSumStatus.BudgetExceeded, result.Status);
                Assert.True(!result.IsSolved || SubsetSumSolver.IsSolution(values, target, result.Indices));
            }
        }

        // A complete 4-list enumeration that ends in NoSolution.
        var positive = Enumerable.Range(0, 32).Select(_ => random.NextInclusive(1L << 40, 1L << 41)).ToArray();
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(positive, (1L << 40) - 1).Status);
        Assert.Equal(SubsetSumStatus.NoSolution, SubsetSumSolver.Solve(positive, positive.Sum() - (1L << 40) + 1).Status);

        // More than 4·16 values: the outer enumeration of the extra values.
        var many = Enumerable.Range(0, 70).Select(_ => random.NextInclusive(1, 1L << 45)).ToArray();
        long planted = many.Where((_, i) => i % 2 == 0).Sum();
        Assert.True(SubsetSumSolver.IsSolution(many, planted, SubsetSumSolver.Solve(many, planted).Indices));

        // Wide sums (Σ|x| ≥ 2^64) with more than 40 values.
        var wide = Enumerable.Range(0, 44).Select(i => (i % 2 == 0 ? 1 : -1) * ((1L << 60) + (i * 1000003L))).ToArray();
        long wideTarget = wide[1] + wide[5] + wide[17] + wide[42] + wide[43];
        var wideResult = SubsetSumSolver.Solve(wide, wideTarget);
        Assert.True(wideResult.IsSolved);
        Assert.True(SubsetSumSolver.IsSolution(wide, wideTarget, wideResult.Indices));
    }

    [Fact]
    public void Answers_do_not_depend_on_earlier_calls()
    {
        var random = new SeededRandom(31);
        var instances = Enumerable.Range(0, 200).Select(i => Instance(random, (int)random.NextInclusive(0, 30), i % 4)).ToArray();
        var forward = instances.Select(x => SubsetSumSolver.Solve(x.Values, x.Target).ToString()).ToArray();
        var backward = instances.Reverse().Select(x => SubsetSumSolver.Solve(x.Values, x.Target).ToString()).Reverse().ToArray();
        Assert.Equal(forward, backward);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(3)]
    public void Batch_equals_sequential(int threads)
    {
        var random = new SeededRandom(12);
        var values = new List<long>();
        var offsets = new List<int> { 0 };
        var targets = new List<long>();
        for (int i = 0; i < 700; i++)
        {
            var (v, t) = Instance(random, (int)random.NextInclusive(0, 26), i % 4);
            values.AddRange(v);
            offsets.Add(values.Count);
            targets.Add(t);
        }

        var batch = new SubsetSumBatch(values.ToArray(), offsets.ToArray(), targets.ToArray());
        var results = SubsetSumSolver.SolveBatch(batch, new SubsetSumOptions { MaxDegreeOfParallelism = threads });
        Assert.Equal(batch.Count, results.Length);
        for (int i = 0; i < batch.Count; i++)
        {
            var single = SubsetSumSolver.Solve(batch.Values(i), batch.Target(i));
            Assert.Equal(single.Status, results[i].Status);
            Assert.Equal(single.ToArray(), results[i].ToArray());
            Assert.Equal(single.Work, results[i].Work);
        }
    }

    /// <summary>
    /// No solution (every value is at least 2^55, the target is 2^55 − 1) but nothing short of
    /// enumeration shows it: about 2^29 work for n = 56.
    /// </summary>
    private static (long[] Values, long Target) HardInstance()
    {
        var random = new SeededRandom(99);
        var values = Enumerable.Range(0, 56).Select(_ => random.NextInclusive(1L << 55, 1L << 56)).ToArray();
        return (values, (1L << 55) - 1);
    }

    [Fact]
    public void Budget_exceeded_is_reported()
    {
        var (values, target) = HardInstance();
        foreach (long budget in new[] { 1L, 1000L, 1L << 16 })
        {
            var result = SubsetSumSolver.Solve(values, target, new SubsetSumOptions { WorkBudget = budget });
            Assert.Equal(SubsetSumStatus.BudgetExceeded, result.Status);
            Assert.Equal(0, result.Indices.Length);
        }

        var batch = new SubsetSumBatch(values, new[] { 0, values.Length }, new[] { target });
        Assert.Equal(SubsetSumStatus.BudgetExceeded, SubsetSumSolver.SolveBatch(batch, new SubsetSumOptions { WorkBudget = 5000 })[0].Status);
    }

    [Fact]
    public void Cancellation_throws()
    {
        var (values, target) = HardInstance();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SubsetSumSolver.Solve(values, target, cancellationToken: cancelled.Token));
        var batch = new SubsetSumBatch(values, new[] { 0, values.Length }, new[] { target });
        Assert.ThrowsAny<OperationCanceledException>(() => SubsetSumSolver.SolveBatch(batch, cancellationToken: cancelled.Token));

        // Cancelled while searching: the instance needs far more work than any machine does in
        // the time before the cancellation, and the budget bounds the test if it were ignored.
        using var later = new CancellationTokenSource();
        later.CancelAfter(20);
        var options = new SubsetSumOptions { WorkBudget = 1L << 40 };
        Assert.ThrowsAny<OperationCanceledException>(() => SubsetSumSolver.Solve(values, target, options, later.Token));

        var hardBatch = new SubsetSumBatch(values.Concat(values).ToArray(), new[] { 0, values.Length, 2 * values.Length }, new[] { target, target });
        using var batchLater = new CancellationTokenSource();
        batchLater.CancelAfter(20);
        Assert.ThrowsAny<OperationCanceledException>(() => SubsetSumSolver.SolveBatch(hardBatch, options, batchLater.Token));
    }

    [Fact]
    public void Argument_errors_name_the_argument()
    {
        Assert.Equal("batch", Assert.Throws<ArgumentNullException>(() => SubsetSumSolver.SolveBatch(null!)).ParamName);
        Assert.Equal("WorkBudget", Assert.Throws<ArgumentOutOfRangeException>(() => new SubsetSumOptions { WorkBudget = 0 }).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new SubsetSumOptions { MaxDegreeOfParallelism = 0 }).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => new SubsetSumBatch(null!, new[] { 0 }, Array.Empty<long>())).ParamName);
        Assert.Equal("offsets", Assert.Throws<ArgumentException>(() => new SubsetSumBatch(new long[2], new[] { 0, 1 }, Array.Empty<long>())).ParamName);
        Assert.Equal("offsets", Assert.Throws<ArgumentException>(() => new SubsetSumBatch(new long[2], new[] { 0, 2, 1 }, new long[2])).ParamName);
    }

    [Fact]
    public void IsSolution_checks_order_range_and_exact_sum()
    {
        long[] values = { long.MaxValue, long.MaxValue, 2 };
        Assert.False(SubsetSumSolver.IsSolution(values, 0, new[] { 0, 1, 2 }));
        Assert.True(SubsetSumSolver.IsSolution(values, long.MaxValue, new[] { 1 }));
        Assert.False(SubsetSumSolver.IsSolution(values, 2, new[] { 2, 2 }));
        Assert.False(SubsetSumSolver.IsSolution(values, 2, new[] { 3 }));
        Assert.True(SubsetSumSolver.IsSolution(values, 0, ReadOnlySpan<int>.Empty));
    }
}
