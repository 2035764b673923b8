using System;
using System.Globalization;
using System.Text;

namespace SlthGen;

/// <summary>
/// The report of a ticket: construction, widths, size of g and of the ticket, the measured
/// constant C = n / log2(1/δ), and Theorem 3's lower bound with the ratios to it.
/// </summary>
public sealed class TicketInfo
{
    private readonly int[] _hiddenPerInput;
    private readonly int[] _copies;
    private readonly int[][] _blockWidths;
    private readonly int[][] _negativeBlockWidths;
    private readonly int[] _hiddenWidths;

    /// <summary>Creates a report (the generator emits this constructor call with literal values).</summary>
    public TicketInfo(
        TicketConstruction construction,
        long seed,
        int targetBits,
        int initBits,
        int ticketBits,
        int activationBits,
        int[] hiddenPerInput,
        int[] copies,
        int[] layerShape,
        long targetParameters,
        long gParameters,
        long keptParameters,
        long instancesSolved,
        TimeSpan? solveTime = null,
        long gSupportParameters = 0,
        BlockLayout? blocks = null,
        bool automaticPrecision = false,
        int[]? hiddenWidths = null,
        int[][]? blockWidths = null,
        int[][]? negativeBlockWidths = null)
    {
        Construction = construction;
        Seed = seed;
        TargetBits = targetBits;
        InitBits = initBits;
        TicketBits = ticketBits;
        ActivationBits = activationBits;
        _hiddenPerInput = (int[])(hiddenPerInput ?? throw new ArgumentNullException(nameof(hiddenPerInput))).Clone();
        _copies = (int[])(copies ?? throw new ArgumentNullException(nameof(copies))).Clone();
        LayerShape = (int[])(layerShape ?? throw new ArgumentNullException(nameof(layerShape))).Clone();
        TargetParameters = targetParameters;
        GParameters = gParameters;
        KeptParameters = keptParameters;
        InstancesSolved = instancesSolved;
        SolveTime = solveTime;
        GSupportParameters = gSupportParameters;
        Blocks = blocks;
        AutomaticPrecision = automaticPrecision;
        _blockWidths = PerLayer(blockWidths, _hiddenPerInput.Length);
        _negativeBlockWidths = PerLayer(negativeBlockWidths, _hiddenPerInput.Length);
        _hiddenWidths = new int[_hiddenPerInput.Length];
        for (int i = 0; i < _hiddenWidths.Length && hiddenWidths is not null && i < hiddenWidths.Length; i++)
        {
            _hiddenWidths[i] = hiddenWidths[i];
        }
    }

    /// <summary>
    /// This report with the counts a ticket's layers determine filled in where they were not
    /// recorded: g's parameters on the construction's support and every block layer's hidden width.
    /// </summary>
    internal TicketInfo WithLayerCounts(System.Collections.Generic.IReadOnlyList<TicketLayer> layers)
    {
        if (GSupportParameters > 0)
        {
            return this;
        }

        long support = 0;
        var hidden = (int[])_hiddenWidths.Clone();
        for (int i = 0; i < layers.Count; i++)
        {
            bool block = Construction == TicketConstruction.Depth2L ? i % 2 == 0 : i == 0;
            support += block ? layers[i].Rows : layers[i].DenseCount;
            if (block)
            {
                int target = Construction == TicketConstruction.Depth2L ? i / 2 : 0;
                hidden[target] = hidden[target] > 0 ? hidden[target] : layers[i].Rows;
            }
        }

        return new TicketInfo(Construction, Seed, TargetBits, InitBits, TicketBits, ActivationBits, _hiddenPerInput, _copies, LayerShape, TargetParameters, GParameters, KeptParameters, InstancesSolved, SolveTime, support, Blocks, AutomaticPrecision, hidden, _blockWidths, _negativeBlockWidths);
    }

    private static int[][] PerLayer(int[][]? values, int count)
    {
        var result = new int[count][];
        for (int i = 0; i < count; i++)
        {
            result[i] = values is not null && i < values.Length && values[i] is { } w ? (int[])w.Clone() : Array.Empty<int>();
        }

        return result;
    }

    /// <summary>
    /// g's parameters restricted to the construction's support: the weights that can be non-zero
    /// in any ticket of this construction on this g (a block layer keeps at most one weight per
    /// hidden neuron, the one to its block's input; every other layer may keep any weight). 0 when
    /// not recorded (reports created without it).
    /// </summary>
    public long GSupportParameters { get; }

    /// <summary>How block layers shared their neurons among inputs, when recorded (a given width always uses <see cref="BlockLayout.Fixed"/>).</summary>
    public BlockLayout? Blocks { get; }

    /// <summary>Whether δ was chosen by the builder (<c>TicketBits = 0</c>) rather than given.</summary>
    public bool AutomaticPrecision { get; }

    /// <summary>
    /// n_j per input block of target layer <paramref name="layer"/>'s block layer in g (input order,
    /// the constant channel last), when recorded; empty for layers without a block layer
    /// (Theorem 2's later layers) or when not recorded. With adaptive blocks, block j is g's
    /// neurons Σ_{i&lt;j} n_i … Σ_{i≤j} n_i − 1 (docs/random-network.md).
    /// </summary>
    public ReadOnlySpan<int> BlockWidths(int layer) => _blockWidths[layer];

    /// <summary>
    /// N_j per input block (adaptive blocks): how many of block j's n_j neurons serve negative
    /// inputs (A[h,j] &lt; 0); the other P_j = n_j − N_j serve positive inputs. Empty when not
    /// recorded or with fixed blocks.
    /// </summary>
    public ReadOnlySpan<int> NegativeBlockWidths(int layer) => _negativeBlockWidths[layer];

    /// <summary>
    /// g's hidden width H_i in target layer <paramref name="layer"/>'s block layer (rows of its A),
    /// when recorded, else 0. Fixed blocks: n·d; adaptive: one more than the largest neuron a block
    /// took, so it can exceed Σ n_j by the neurons no block took.
    /// </summary>
    public long HiddenWidth(int layer) => _hiddenWidths[layer];

    /// <summary>Theorem 1 (depth 2ℓ) or Theorem 2 (depth ℓ+1).</summary>
    public TicketConstruction Construction { get; }

    /// <summary>The seed of g.</summary>
    public long Seed { get; }

    /// <summary>t of δt = 2^-t.</summary>
    public int TargetBits { get; }

    /// <summary>Bits of δin.</summary>
    public int InitBits { get; }

    /// <summary>Bits of δ.</summary>
    public int TicketBits { get; }

    /// <summary>Bits of γ.</summary>
    public int ActivationBits { get; }

    /// <summary>n_i per target layer: hidden neurons per input block in the layer of g that reads the layer's inputs; with adaptive blocks the largest n_j (<see cref="BlockWidths"/> has them all); 0 where the construction has none (Theorem 2's later layers).</summary>
    public ReadOnlySpan<int> HiddenPerInput => _hiddenPerInput;

    /// <summary>c_i per target layer: copies of each of its output neurons in g (1 for Theorem 1 and for the last layer).</summary>
    public ReadOnlySpan<int> Copies => _copies;

    /// <summary>The target's shape d_0, d_1, …, d_ℓ.</summary>
    public int[] LayerShape { get; }

    /// <summary>N_t = Σ d_i·d_{i-1}, the target's weight count.</summary>
    public long TargetParameters { get; }

    /// <summary>The parameters of the dense random network g.</summary>
    public long GParameters { get; }

    /// <summary>The ticket's kept (unmasked) parameters.</summary>
    public long KeptParameters { get; }

    /// <summary>Subset-sum instances solved to build the ticket.</summary>
    public long InstancesSolved { get; }

    /// <summary>Wall time of the construction, when measured (null in generated code, which must be deterministic).</summary>
    public TimeSpan? SolveTime { get; }

    /// <summary>log2(1/δ).</summary>
    public int LogInverseDelta => TicketBits;

    /// <summary>
    /// The measured constant C = w / log2(1/δ) per target layer, where w is the width the
    /// construction needed to represent the layer: n_i (hidden neurons per input; with recorded
    /// widths g's hidden width over the inputs, H_i / d) where g has a block layer, else the copies c_{i-1} that
    /// feed it (Theorem 2's later layers).
    /// </summary>
    public double[] ConstantC
    {
        get
        {
            var c = new double[_hiddenPerInput.Length];
            for (int i = 0; i < c.Length; i++)
            {
                double width = !HasBlockLayer(i) ? _copies[i - 1]
                    : _blockWidths[i].Length > 0 && _hiddenWidths[i] > 0 ? _hiddenWidths[i] / (double)_blockWidths[i].Length
                    : _hiddenPerInput[i];
                c[i] = width / TicketBits;
            }

            return c;
        }
    }

    /// <summary>Whether g has a block layer for target layer <paramref name="layer"/> (every layer in Theorem 1, the first in Theorem 2).</summary>
    private bool HasBlockLayer(int layer) => Construction == TicketConstruction.Depth2L || layer == 0;

    /// <summary>
    /// Theorem 3's counting bound for this target shape: Σ_i d_i·d_{i-1}·log2(2/δt + 1) nonzero
    /// parameters (with p = 1): fewer cannot represent every δt-quantised network of this shape.
    /// </summary>
    public double LowerBound => Theory.NetworkParameterLowerBound(LayerShape, Math.Pow(2, -TargetBits));

    /// <summary>g's parameters over Theorem 3's bound.</summary>
    public double GRatioToBound => GParameters / LowerBound;

    /// <summary>g's parameters on the construction's support over Theorem 3's bound (NaN when not recorded).</summary>
    public double SupportRatioToBound => GSupportParameters > 0 ? GSupportParameters / LowerBound : double.NaN;

    /// <summary>The ticket's kept parameters over Theorem 3's bound.</summary>
    public double KeptRatioToBound => KeptParameters / LowerBound;

    /// <inheritdoc/>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(Construction == TicketConstruction.Depth2L ? "Theorem 1 (depth 2ℓ)" : "Theorem 2 (depth ℓ+1)");
        s.Append(FormattableString.Invariant($", target {string.Join("-", LayerShape)} at δt = 2^-{TargetBits}, γ = 2^-{ActivationBits}; g drawn at δin = 2^-{InitBits} (seed {Seed}), reduced to δ = 2^-{TicketBits}"));
        if (AutomaticPrecision)
        {
            s.Append(" (chosen automatically: the fewest parameters of g)");
        }

        s.AppendLine();
        s.Append(FormattableString.Invariant($"  parameters: target {TargetParameters:N0}, g {GParameters:N0}, kept {KeptParameters:N0}")).AppendLine();
        s.Append(FormattableString.Invariant($"  Theorem 3 lower bound {LowerBound:N1}: g is {GRatioToBound:0.##}×, ticket {KeptRatioToBound:0.##}× the bound")).AppendLine();
        if (GSupportParameters > 0)
        {
            s.Append(FormattableString.Invariant($"  g on the construction's support (block layers block-diagonal): {GSupportParameters:N0} parameters, {SupportRatioToBound:0.##}× the bound")).AppendLine();
        }

        var constants = ConstantC;
        for (int i = 0; i < _hiddenPerInput.Length; i++)
        {
            s.Append(FormattableString.Invariant($"  layer {i + 1}: "));
            int[] widths = _blockWidths[i];
            if (!HasBlockLayer(i))
            {
                s.Append(FormattableString.Invariant($"reads c = {_copies[i - 1]} copies of each input; C = c / log2(1/δ) = {constants[i].ToString("0.##", c)}"));
            }
            else if (widths.Length > 0 && Blocks == BlockLayout.Adaptive)
            {
                var sorted = (int[])widths.Clone();
                Array.Sort(sorted);
                s.Append(FormattableString.Invariant($"adaptive blocks, n_j {sorted[0]}–{sorted[sorted.Length - 1]} (median {sorted[sorted.Length / 2]}), hidden width {HiddenWidth(i):N0}; C = (H / d) / log2(1/δ) = {constants[i].ToString("0.##", c)}"));
            }
            else
            {
                s.Append(Blocks is null
                    ? FormattableString.Invariant($"blocks of up to n = {_hiddenPerInput[i]} per input (layout not recorded); C ≤ n / log2(1/δ) = {constants[i].ToString("0.##", c)}")
                    : FormattableString.Invariant($"fixed blocks, n = {_hiddenPerInput[i]} per input; C = n / log2(1/δ) = {constants[i].ToString("0.##", c)}"));
            }

            if (Construction == TicketConstruction.DepthLPlus1 && i < _hiddenPerInput.Length - 1)
            {
                s.Append(FormattableString.Invariant($"; outputs copied c = {_copies[i]}×"));
            }

            s.AppendLine();
        }

        s.Append(FormattableString.Invariant($"  {InstancesSolved:N0} subset-sum instances solved"));
        if (SolveTime is { } time)
        {
            s.Append(FormattableString.Invariant($" in {time.TotalMilliseconds:0.#} ms"));
        }

        return s.ToString();
    }
}
