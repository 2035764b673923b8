using System;
using System.Collections.Generic;
using System.Globalization;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// The quantised I-H-10 network (64-32-10 for the UCI digits, 784-500-10 for MNIST) in SlthGen's target form (SPEC "Target network"): integer
/// weights and biases q ∈ [-16, 16] meaning q·δt with δt = 2^-4 (<see cref="TargetBits"/>),
/// inputs and outputs integers in units of γ = 2^-4 (<see cref="ActivationBits"/>; inputs are the
/// pixel values 0..16). hidden = ⌊ReLU(W1·x + b1)⌋_γ, output = ⌊W2·hidden + b2⌋_γ, i.e. in
/// integers hidden_j = max(0, Σ W1[j,i]·x_i + 16·b1_j) &gt;&gt; 4 and
/// output_k = (Σ W2[k,j]·hidden_j + 16·b2_k) &gt;&gt; 4 (arithmetic shifts: floor).
/// </summary>
public sealed class QuantizedMlp
{
    /// <summary>t: weights are in units of δt = 2^-t.</summary>
    public const int TargetBits = 4;

    /// <summary>m: activations (inputs, hidden units, outputs) are in units of γ = 2^-m.</summary>
    public const int ActivationBits = 4;

    /// <summary>2^t, the integer that means 1.0: weights lie in [-One, One].</summary>
    public const int One = 1 << TargetBits;

    /// <summary>The smallest input (pixel value 0, i.e. 0.0).</summary>
    public const int InputMin = 0;

    /// <summary>The largest input (pixel value 16, i.e. 1.0 in units of γ = 2^-4).</summary>
    public const int InputMax = DigitsData.MaxPixel;

    private readonly int[] _w1;
    private readonly int[] _b1;
    private readonly int[] _w2;
    private readonly int[] _b2;

    /// <summary>Creates and validates a quantised network (the arrays are copied).</summary>
    /// <param name="inputCount">Inputs (64 for the UCI digits, 784 for MNIST).</param>
    /// <param name="hiddenCount">Hidden units.</param>
    /// <param name="outputCount">Outputs (10).</param>
    /// <param name="w1">W1, hidden × inputs, row-major, units of δt.</param>
    /// <param name="b1">b1, units of δt.</param>
    /// <param name="w2">W2, outputs × hidden, row-major, units of δt.</param>
    /// <param name="b2">b2, units of δt.</param>
    /// <exception cref="ArgumentException">A length does not match or a value lies outside [-16, 16].</exception>
    public QuantizedMlp(int inputCount, int hiddenCount, int outputCount, ReadOnlySpan<int> w1, ReadOnlySpan<int> b1, ReadOnlySpan<int> w2, ReadOnlySpan<int> b2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        InputCount = inputCount;
        HiddenCount = hiddenCount;
        OutputCount = outputCount;
        _w1 = Check(w1, hiddenCount * inputCount, nameof(w1));
        _b1 = Check(b1, hiddenCount, nameof(b1));
        _w2 = Check(w2, outputCount * hiddenCount, nameof(w2));
        _b2 = Check(b2, outputCount, nameof(b2));
    }

    /// <summary>The number of inputs.</summary>
    public int InputCount { get; }

    /// <summary>The number of hidden units.</summary>
    public int HiddenCount { get; }

    /// <summary>The number of outputs.</summary>
    public int OutputCount { get; }

    /// <summary>W1 in units of δt, <see cref="HiddenCount"/> × <see cref="InputCount"/>, row-major.</summary>
    public ReadOnlySpan<int> W1 => _w1;

    /// <summary>b1 in units of δt.</summary>
    public ReadOnlySpan<int> B1 => _b1;

    /// <summary>W2 in units of δt, <see cref="OutputCount"/> × <see cref="HiddenCount"/>, row-major.</summary>
    public ReadOnlySpan<int> W2 => _w2;

    /// <summary>b2 in units of δt.</summary>
    public ReadOnlySpan<int> B2 => _b2;

    /// <summary>
    /// Evaluates the target on one input (units of γ, 0..16) into <paramref name="output"/>
    /// (units of γ). Same signature as a generated ticket's <c>Evaluate</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside [0, 16].</exception>
    public void Evaluate(ReadOnlySpan<int> input, Span<int> output)
    {
        Span<int> hidden = HiddenCount <= 256 ? stackalloc int[HiddenCount] : new int[HiddenCount];
        Evaluate(input, hidden, output);
    }

    /// <summary>Evaluates the target and also returns the hidden layer (units of γ).</summary>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside [0, 16].</exception>
    public void Evaluate(ReadOnlySpan<int> input, Span<int> hidden, Span<int> output)
    {
        if (input.Length != InputCount)
        {
            throw new ArgumentException($"The network has {InputCount} inputs; the span has {input.Length}.", nameof(input));
        }

        if (hidden.Length != HiddenCount)
        {
            throw new ArgumentException($"The network has {HiddenCount} hidden units; the span has {hidden.Length}.", nameof(hidden));
        }

        if (output.Length != OutputCount)
        {
            throw new ArgumentException($"The network has {OutputCount} outputs; the span has {output.Length}.", nameof(output));
        }

        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] < InputMin || input[i] > InputMax)
            {
                throw new ArgumentOutOfRangeException(nameof(input), input[i], $"input[{i}] = {input[i]} is outside [{InputMin}, {InputMax}].");
            }
        }

        // Zero inputs (most of an MNIST image) add nothing: sum over the others only.
        Span<int> nonZero = InputCount <= 1024 ? stackalloc int[InputCount] : new int[InputCount];
        int count = 0;
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] != 0)
            {
                nonZero[count++] = i;
            }
        }

        for (int j = 0; j < HiddenCount; j++)
        {
            int sum = _b1[j] << ActivationBits; // units of 2^-(t+m)
            int row = j * InputCount;
            for (int n = 0; n < count; n++)
            {
                sum += _w1[row + nonZero[n]] * input[nonZero[n]];
            }

            hidden[j] = Math.Max(sum, 0) >> TargetBits;
        }

        for (int k = 0; k < OutputCount; k++)
        {
            int sum = _b2[k] << ActivationBits;
            int row = k * HiddenCount;
            for (int j = 0; j < HiddenCount; j++)
            {
                sum += _w2[row + j] * hidden[j];
            }

            output[k] = sum >> TargetBits;
        }
    }

    /// <summary>The predicted class of one image (pixel values): the first largest output.</summary>
    public int Predict(ReadOnlySpan<byte> pixels)
    {
        Span<int> input = stackalloc int[InputCount];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = pixels[i];
        }

        Span<int> output = stackalloc int[OutputCount];
        Evaluate(input, output);
        return Evaluation.Argmax<int>(output);
    }

    /// <summary>
    /// The network as SlthGen's runtime <see cref="TargetNetwork"/> (δt = 2^-4, γ = 2^-4, inputs
    /// 0..16), for its reference evaluation, checks and ticket construction.
    /// </summary>
    public TargetNetwork ToTargetNetwork() => new(
        new[]
        {
            new TargetLayer(InputCount, HiddenCount, ToLongs(_w1), ToLongs(_b1)),
            new TargetLayer(HiddenCount, OutputCount, ToLongs(_w2), ToLongs(_b2)),
        },
        new Precision(TargetBits),
        new Precision(ActivationBits),
        InputMin,
        InputMax);

    /// <summary>
    /// The weights file: int8 arrays <c>W1</c> [H, I], <c>b1</c> [H], <c>W2</c> [10, H],
    /// <c>b2</c> [10], shape [outputs, inputs], in units of 2^-TargetBits, in that order.
    /// </summary>
    public NpzArchive ToNpz() => new(new[]
    {
        Entry("W1", new[] { HiddenCount, InputCount }, _w1),
        Entry("b1", new[] { HiddenCount }, _b1),
        Entry("W2", new[] { OutputCount, HiddenCount }, _w2),
        Entry("b2", new[] { OutputCount }, _b2),
    });

    /// <summary>Writes <see cref="ToNpz"/> to <paramref name="path"/>, stored (uncompressed): the same network always gives the same bytes.</summary>
    public void WriteFile(string path) => ToNpz().WriteFile(path, compress: false);

    /// <summary>Reads a network from a weights file written by <see cref="ToNpz"/>.</summary>
    /// <exception cref="FormatException">An array is missing or has the wrong rank or shape.</exception>
    /// <exception cref="ArgumentException">A weight lies outside [-16, 16].</exception>
    public static QuantizedMlp FromNpz(NpzArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var w1 = archive["W1"];
        var b1 = archive["b1"];
        var w2 = archive["W2"];
        var b2 = archive["b2"];
        if (w1.Rank != 2 || w2.Rank != 2 || b1.Rank != 1 || b2.Rank != 1
            || b1.Shape[0] != w1.Shape[0] || w2.Shape[1] != w1.Shape[0] || b2.Shape[0] != w2.Shape[0])
        {
            throw new FormatException(string.Format(CultureInfo.InvariantCulture, "The shapes do not form a two-layer network: {0}, {1}, {2}, {3}.", w1, b1, w2, b2));
        }

        return new QuantizedMlp(w1.Shape[1], w1.Shape[0], w2.Shape[0], ToInts(w1), ToInts(b1), ToInts(w2), ToInts(b2));
    }

    /// <summary>Reads a network from a weights file.</summary>
    public static QuantizedMlp ReadFile(string path) => FromNpz(NpzArchive.ReadFile(path));

    /// <summary>True when both networks have the same shape and the same integers.</summary>
    public bool ContentEquals(QuantizedMlp? other) =>
        other is not null && InputCount == other.InputCount && HiddenCount == other.HiddenCount && OutputCount == other.OutputCount
        && _w1.AsSpan().SequenceEqual(other._w1) && _b1.AsSpan().SequenceEqual(other._b1)
        && _w2.AsSpan().SequenceEqual(other._w2) && _b2.AsSpan().SequenceEqual(other._b2);

    private static KeyValuePair<string, NpyArray> Entry(string name, int[] shape, int[] values) =>
        new(name, NpyArray.Create(NpyDType.Int8, shape, ToLongs(values)));

    private static long[] ToLongs(int[] values)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static int[] ToInts(NpyArray array)
    {
        var values = array.ToInt64Array();
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = (int)Math.Clamp(values[i], int.MinValue, int.MaxValue);
        }

        return result;
    }

    private static int[] Check(ReadOnlySpan<int> values, int expected, string name)
    {
        if (values.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} elements, not {values.Length}.", name);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < -One || values[i] > One)
            {
                throw new ArgumentException($"{name}[{i}] = {values[i]} is outside S_δt = [-{One}, {One}] (units of δt = 2^-{TargetBits}).", name);
            }
        }

        return values.ToArray();
    }
}
