using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace SlthGen;

/// <summary>
/// Exact subset sum: given integers x_1..x_n and a target t, a set S with Σ_{i∈S} x_i = t, or a
/// proof that none exists (the paper's RSSP, Definition 2; Lemma 5 solves one per kept weight).
/// </summary>
/// <remarks>
/// <para>The solver runs these phases, each deterministic, stopping at the first that decides:</para>
/// <list type="number">
/// <item>Zeros are dropped (they never help); t = 0 is solved by the empty set; a value equal to t
/// is returned at once; t above the sum of the positive values or below the sum of the negative
/// ones is rejected.</item>
/// <item>Exhaustive search for solutions of 2, 3 and 4 elements, in that order, with a table of
/// values (smallest index per value) and of pair sums (the pair with the smallest second index per
/// sum): O(n) for pairs, O(n²) for triples and quadruples. When max − min of the values is at most
/// 4096 the tables are direct-addressed arrays, otherwise open-addressing hash tables with a bit
/// filter in front. This phase makes the answer sparse.</item>
/// <item>The gcd g of the values must divide t; the instance is then divided by g.</item>
/// <item>A complete search. When n·(⌊R/64⌋ + 1) ≤ min(2^18, 4·2^⌊n/2⌋), where R = Σ|x_i| is the
/// range of subset sums, it is a bitset dynamic programme over all reachable sums with
/// reconstruction, which prefers large values. Otherwise it is the Schroeppel–Shamir 4-list
/// algorithm with a modular constraint (as in Howgrave-Graham–Joux): the first ≤ 64 values are
/// split in quarters A, B, C, D, each expanded to its ≤ 2^16 subset sums; for a prime modulus M
/// and r = 0, 1, …, M − 1, the pairs a + b ≡ r (mod M) are looked up in a hash table of the pairs
/// c + d ≡ t − r (mod M). M is the largest prime below 2·E, E the expected number of solutions
/// (local central-limit estimate 2^n·φ(t; Λ/2, Σx²/4)), clamped to [|C||D|/2^14, √(|A||B|)]: about
/// 2.5 residues are then tried when the clamp does not bind, and a residue's table stays in
/// cache. When solutions are plentiful the first residues succeed, at about 2^(n/4) work; running
/// through every residue is complete, at about 2^(n/2) work. Values beyond the first 64 are
/// enumerated outside, in Gray-code order, each subset shifting the target.</item>
/// </list>
/// <para>Sums are computed modulo 2^64, which is exact whenever Σ|x_i| &lt; 2^64 (all subset sums
/// and the target then lie in an interval shorter than 2^64). Larger instances are searched with
/// exact sums: the pair table is keyed by the sum modulo 2^64 and its sign, candidates are added up
/// in 128 bits, and the complete search is a 128-bit meet-in-the-middle over the first ≤ 40 values
/// (minimum cardinality among them), further values again enumerated outside. Every returned
/// subset is re-added exactly before it is returned.</para>
/// </remarks>
public static partial class SubsetSumSolver
{
    /// <summary>
    /// The number of nonzero values (counted from the first) over which solutions of 3 and 4
    /// elements are searched exhaustively; that search needs O(n²) time and memory.
    /// </summary>
    public const int SmallCardinalityLimit = 1024;

    private static readonly int[] s_empty = Array.Empty<int>();

    /// <summary>
    /// Solves one instance: finds indices S (ascending, distinct) with Σ_{i∈S} values[i] = target,
    /// or proves that none exists.
    /// </summary>
    /// <remarks>
    /// <para><b>Completeness.</b> <see cref="SubsetSumStatus.NoSolution"/> is returned only when no
    /// subset (the empty one included) sums to <paramref name="target"/>;
    /// <see cref="SubsetSumStatus.BudgetExceeded"/> when <see cref="SubsetSumOptions.WorkBudget"/>
    /// ran out before either answer was established. A target of 0 is solved by the empty set.</para>
    /// <para><b>Cardinality.</b> If some solution has at most 4 elements, the returned solution
    /// has the minimum number of elements (ties are broken deterministically). Otherwise the
    /// returned solution is some solution (it has at least 5 elements); the search then prefers
    /// few elements heuristically: the bitset programme takes the largest values first, and the
    /// 4-list search returns the sparsest solution of the first residue class that holds one. For
    /// instances with more than <see cref="SmallCardinalityLimit"/> nonzero values, 3- and
    /// 4-element solutions are searched only among the first <see cref="SmallCardinalityLimit"/>
    /// nonzero values, so the guarantee holds for 1- and 2-element solutions and relative to those
    /// values.</para>
    /// <para><b>Determinism.</b> The answer depends only on the values, the target and the budget.</para>
    /// </remarks>
    /// <param name="values">The values x_1..x_n (any 64-bit integers; zeros and duplicates allowed).</param>
    /// <param name="target">The target sum t.</param>
    /// <param name="options">The work budget; <see cref="SubsetSumOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked between and inside the phases.</param>
    /// <returns>The status, the chosen indices and the work spent.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SubsetSumResult Solve(ReadOnlySpan<long> values, long target, SubsetSumOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SubsetSumOptions.Default;
        var result = SolveCore(values, target, options.WorkBudget, cancellationToken);
        options.Meter?.Add(result.Work);
        return result;
    }

    /// <summary>
    /// Solves every instance of <paramref name="batch"/>, in parallel across cores. Each instance is
    /// solved by the same deterministic procedure as <see cref="Solve"/>, so results never depend
    /// on the thread count.
    /// </summary>
    /// <param name="batch">The instances.</param>
    /// <param name="options">The per-instance work budget and the thread count.</param>
    /// <param name="cancellationToken">Checked between and inside instances.</param>
    /// <returns>One result per instance, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SubsetSumResult[] SolveBatch(SubsetSumBatch batch, SubsetSumOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (batch is null)
        {
            throw new ArgumentNullException(nameof(batch));
        }

        options ??= SubsetSumOptions.Default;
        var results = new SubsetSumResult[batch.Count];
        long budget = options.WorkBudget;
        int count = batch.Count;
        if (options.MaxDegreeOfParallelism == 1 || count <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                results[i] = SolveCore(batch.Values(i), batch.Target(i), budget, cancellationToken);
            }

            return results;
        }

        const int Chunk = 64;
        int chunks = (count + Chunk - 1) / Chunk;
        // -1 means one thread per core: left to the thread pool, long instances make it inject
        // threads beyond the core count, which only adds contention and cold scratch buffers.
        // (The generator's netstandard2.0 build may not read Environment: RS1035.)
        int threads = options.MaxDegreeOfParallelism;
#if NET8_0_OR_GREATER
        threads = threads == -1 ? Environment.ProcessorCount : threads;
#endif
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, chunks, parallel, c =>
            {
                int end = Math.Min(count, (c + 1) * Chunk);
                for (int i = c * Chunk; i < end; i++)
                {
                    results[i] = SolveCore(batch.Values(i), batch.Target(i), budget, cancellationToken);
                }
            });
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }

        return results;
    }

    /// <summary>Whether <paramref name="indices"/> picks distinct, ascending, in-range values summing (exactly) to <paramref name="target"/>.</summary>
    /// <param name="values">The instance's values.</param>
    /// <param name="target">The instance's target.</param>
    /// <param name="indices">A candidate answer.</param>
    /// <returns>True when the candidate is a solution.</returns>
    public static bool IsSolution(ReadOnlySpan<long> values, long target, ReadOnlySpan<int> indices)
    {
        long high = 0;
        ulong low = 0;
        int previous = -1;
        foreach (int i in indices)
        {
            if (i <= previous || i >= values.Length)
            {
                return false;
            }

            Wide.Add(ref high, ref low, values[i]);
            previous = i;
        }

        return Wide.Equals(high, low, target);
    }

    /// <summary>The complete search to run after the small-cardinality phase (tests force each one).</summary>
    internal enum CompletePath
    {
        Auto,
        Bitset,
        FourList,
        Wide,
    }

    /// <summary><see cref="Solve"/> with the complete search and the 4-list modulus forced (0 = chosen); for tests.</summary>
    internal static SubsetSumResult SolveWith(ReadOnlySpan<long> values, long target, long budget, CompletePath path, int modulus, CancellationToken cancellationToken = default) =>
        SolveCore(values, target, budget, cancellationToken, path, modulus);

    private static SubsetSumResult SolveCore(ReadOnlySpan<long> values, long target, long budget, CancellationToken cancellationToken, CompletePath path = CompletePath.Auto, int modulus = 0)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (target == 0)
        {
            return SubsetSumResult.Solved(s_empty, 0);
        }

        var s = SubsetSumScratch.Current;
        s.EnsureItems(values.Length);
        long[] v = s.Values;
        int[] original = s.Original;
        int n = 0;
        ulong positive = 0, negative = 0;
        bool overflow = false;
        for (int i = 0; i < values.Length; i++)
        {
            long x = values[i];
            if (x == 0)
            {
                continue;
            }

            if (x == target)
            {
                return SubsetSumResult.Solved(new[] { i }, i + 1);
            }

            v[n] = x;
            original[n] = i;
            n++;
            if (x > 0)
            {
                ulong before = positive;
                positive = unchecked(positive + (ulong)x);
                overflow |= positive < before;
            }
            else
            {
                ulong before = negative;
                negative = unchecked(negative + Magnitude(x));
                overflow |= negative < before;
            }
        }

        long work = values.Length;

        // Out of reach: t > Σ positives or t < Σ negatives.
        if ((target > 0 && !overflow && (ulong)target > positive) || (target < 0 && !overflow && Magnitude(target) > negative) || n == 0)
        {
            return SubsetSumResult.None(work);
        }

        // Σ|x| < 2^64 makes arithmetic modulo 2^64 exact for every comparison the search makes.
        ulong total = unchecked(positive + negative);
        bool wide = overflow || total < positive;

        int found = SearchSmall(s, n, target, wide, ref work, budget, cancellationToken);
        if (found > 0)
        {
            return Answer(s, found, values, target, work);
        }

        if (found < 0)
        {
            return SubsetSumResult.OverBudget(work);
        }

        // No solution of ≤ 4 elements; the gcd of the values must divide t.
        ulong g = 0;
        for (int i = 0; i < n && g != 1; i++)
        {
            g = Gcd(g, Magnitude(v[i]));
        }

        work += n;
        if (Magnitude(target) % g != 0)
        {
            return SubsetSumResult.None(work);
        }

        long t = target;
        if (g > 1)
        {
            // g ≤ 2^62 here unless every value is long.MinValue, and then t = ±2^63·k cannot be
            // reached without overflow checks, so leave that corner to the wide search.
            if (g <= long.MaxValue)
            {
                long lg = (long)g;
                for (int i = 0; i < n; i++)
                {
                    v[i] /= lg;
                }

                t /= lg;
                positive /= g;
                negative /= g;
                total = unchecked(positive + negative);
            }
        }

        SubsetSumStatus status;
        if (wide || path == CompletePath.Wide)
        {
            status = WideSearch(s, n, t, ref work, budget, cancellationToken, out found);
        }
        else if (path == CompletePath.Bitset || (path == CompletePath.Auto && BitsetFits(n, total)))
        {
            status = BitsetSearch(s, n, t, negative, total, ref work, budget, cancellationToken, out found);
        }
        else
        {
            status = FourListSearch(s, n, t, modulus, ref work, budget, cancellationToken, out found);
        }

        return status switch
        {
            SubsetSumStatus.Solved => Answer(s, found, values, target, work),
            SubsetSumStatus.NoSolution => SubsetSumResult.None(work),
            _ => SubsetSumResult.OverBudget(work),
        };
    }

    /// <summary>Maps the compact indices in <c>s.Found[0..count)</c> to sorted original indices and verifies them.</summary>
    private static SubsetSumResult Answer(SubsetSumScratch s, int count, ReadOnlySpan<long> values, long target, long work)
    {
        var indices = new int[count];
        for (int i = 0; i < count; i++)
        {
            indices[i] = s.Original[s.Found[i]];
        }

        // Insertion sort: answers are short.
        for (int i = 1; i < count; i++)
        {
            int x = indices[i], j = i - 1;
            while (j >= 0 && indices[j] > x)
            {
                indices[j + 1] = indices[j];
                j--;
            }

            indices[j + 1] = x;
        }

        if (!IsSolution(values, target, indices))
        {
            throw new InvalidOperationException("Subset-sum solver produced a subset that does not sum to the target; this is a bug.");
        }

        return SubsetSumResult.Solved(indices, work);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Magnitude(long x) => x < 0 ? unchecked((ulong)(-(x + 1)) + 1) : (ulong)x;

    internal static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            ulong r = a % b;
            a = b;
            b = r;
        }

        return a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int PopCount(uint x)
    {
#if NET8_0_OR_GREATER
        return System.Numerics.BitOperations.PopCount(x);
#else
        x -= (x >> 1) & 0x55555555u;
        x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
        x = (x + (x >> 4)) & 0x0F0F0F0Fu;
        return (int)((x * 0x01010101u) >> 24);
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int PopCount(ulong x) => PopCount((uint)x) + PopCount((uint)(x >> 32));

    /// <summary>128-bit signed integers as (high: long, low: ulong), value = high·2^64 + low.</summary>
    internal static class Wide
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Add(ref long high, ref ulong low, long x)
        {
            ulong sum = unchecked(low + (ulong)x);
            high += (x < 0 ? -1 : 0) + (sum < low ? 1 : 0);
            low = sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Subtract(ref long high, ref ulong low, long x)
        {
            ulong difference = unchecked(low - (ulong)x);
            high -= (x < 0 ? -1 : 0) + (difference > low ? 1 : 0);
            low = difference;
        }

        public static bool Equals(long high, ulong low, long x) => low == unchecked((ulong)x) && high == (x < 0 ? -1 : 0);

        public static int Compare(long highA, ulong lowA, long highB, ulong lowB) =>
            highA != highB ? highA.CompareTo(highB) : lowA.CompareTo(lowB);
    }
}
