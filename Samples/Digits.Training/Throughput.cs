using System;
using System.Diagnostics;

namespace SlthGen.Samples.Digits.Training;

/// <summary>Inference throughput of a generated ticket or reference, as the samples print it.</summary>
public static class Throughput
{
    /// <summary>
    /// Images per second over about half a second, after a quarter of a second of warm-up (the JIT
    /// optimises the large generated methods in the background): one image per call of
    /// <paramref name="scalar"/>, or all images in one call of <paramref name="batch"/> (give one of the two).
    /// </summary>
    /// <param name="inputs">The images, sample-major (count × <paramref name="inputCount"/>).</param>
    /// <param name="inputCount">Inputs per image.</param>
    /// <param name="outputCount">Outputs per image.</param>
    /// <param name="scalar">A one-image entry point (<c>Evaluate</c>, <c>EvaluateReference</c>), or null.</param>
    /// <param name="batch">A many-image entry point (<c>EvaluateBatch</c>, <c>EvaluateReferenceBatch</c>), or null.</param>
    /// <exception cref="ArgumentException">Neither or both entry points are given, or the sizes do not match.</exception>
    public static double Measure(int[] inputs, int inputCount, int outputCount, NetworkEvaluator? scalar, NetworkEvaluator? batch)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        if ((scalar is null) == (batch is null))
        {
            throw new ArgumentException("Give exactly one of a scalar and a batch entry point.", nameof(scalar));
        }

        if (inputs.Length == 0 || inputs.Length % inputCount != 0)
        {
            throw new ArgumentException($"The inputs must be a positive multiple of {inputCount} values; there are {inputs.Length}.", nameof(inputs));
        }

        Run(inputs, inputCount, outputCount, scalar, batch, 250);
        return Run(inputs, inputCount, outputCount, scalar, batch, 500);
    }

    private static double Run(int[] inputs, int inputCount, int outputCount, NetworkEvaluator? scalar, NetworkEvaluator? batch, int milliseconds)
    {
        int count = inputs.Length / inputCount;
        var outputs = new int[count * outputCount];
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.ElapsedMilliseconds < milliseconds)
        {
            if (scalar is null)
            {
                batch!(inputs, outputs);
            }
            else
            {
                for (int s = 0; s < count; s++)
                {
                    scalar(inputs.AsSpan(s * inputCount, inputCount), outputs.AsSpan(s * outputCount, outputCount));
                }
            }

            done += count;
        }

        return done / clock.Elapsed.TotalSeconds;
    }
}
