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
        TimeSpan? solveTime = null)
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
    }

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

    /// <summary>n_i per target layer: hidden neurons per input block in the layer of g that reads the layer's inputs (0 where the construction has none: Theorem 2's later layers).</summary>
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
    /// construction needed to represent the layer: n_i (hidden neurons per input) where g has a
    /// block layer, else the copies c_{i-1} that feed it (Theorem 2's later layers).
    /// </summary>
    public double[] ConstantC
    {
        get
        {
            var c = new double[_hiddenPerInput.Length];
            for (int i = 0; i < c.Length; i++)
            {
                int width = _hiddenPerInput[i] > 0 ? _hiddenPerInput[i] : _copies[i - 1];
                c[i] = width / (double)TicketBits;
            }

            return c;
        }
    }

    /// <summary>
    /// Theorem 3's counting bound for this target shape: Σ_i d_i·d_{i-1}·log2(2/δt + 1) nonzero
    /// parameters (with p = 1): fewer cannot represent every δt-quantised network of this shape.
    /// </summary>
    public double LowerBound => Theory.NetworkParameterLowerBound(LayerShape, Math.Pow(2, -TargetBits));

    /// <summary>g's parameters over Theorem 3's bound.</summary>
    public double GRatioToBound => GParameters / LowerBound;

    /// <summary>The ticket's kept parameters over Theorem 3's bound.</summary>
    public double KeptRatioToBound => KeptParameters / LowerBound;

    /// <inheritdoc/>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append(Construction == TicketConstruction.Depth2L ? "Theorem 1 (depth 2ℓ)" : "Theorem 2 (depth ℓ+1)");
        s.Append(FormattableString.Invariant($", target {string.Join("-", LayerShape)} at δt = 2^-{TargetBits}, γ = 2^-{ActivationBits}; g drawn at δin = 2^-{InitBits} (seed {Seed}), reduced to δ = 2^-{TicketBits}")).AppendLine();
        s.Append("  widths n per layer: ").Append(string.Join(", ", _hiddenPerInput)).Append("; copies c per layer: ").Append(string.Join(", ", _copies)).AppendLine();
        s.Append(FormattableString.Invariant($"  C = n / log2(1/δ) per layer: {string.Join(", ", Array.ConvertAll(ConstantC, x => x.ToString("0.##", c)))}")).AppendLine();
        s.Append(FormattableString.Invariant($"  parameters: target {TargetParameters:N0}, g {GParameters:N0}, kept {KeptParameters:N0}")).AppendLine();
        s.Append(FormattableString.Invariant($"  Theorem 3 lower bound {LowerBound:N1}: g is {GRatioToBound:0.##}×, ticket {KeptRatioToBound:0.##}× the bound")).AppendLine();
        s.Append(FormattableString.Invariant($"  {InstancesSolved:N0} subset-sum instances solved"));
        if (SolveTime is { } time)
        {
            s.Append(FormattableString.Invariant($" in {time.TotalMilliseconds:0.#} ms"));
        }

        return s.ToString();
    }
}
