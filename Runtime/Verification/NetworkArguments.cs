using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace SlthGen;

/// <summary>
/// The argument checks of every generated network's checked entry points, written once here:
/// span lengths, and every input within the declared range (the overflow proof covers only that
/// range). The exceptions name the generated method's parameter.
/// </summary>
public static class NetworkArguments
{
    /// <summary>Checks one sample's spans and inputs.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside [inputMin, inputMax].</exception>
    public static void CheckSample(ReadOnlySpan<int> input, Span<int> output, int inputCount, int outputCount, int inputMin, int inputMax, int activationBits)
    {
        if (input.Length != inputCount)
        {
            throw new ArgumentException("The network has " + inputCount + " inputs; the input span has " + input.Length + ".", nameof(input));
        }

        if (output.Length != outputCount)
        {
            throw new ArgumentException("The network has " + outputCount + " outputs; the output span has " + output.Length + ".", nameof(output));
        }

        int j = FirstOutOfRange(input, inputMin, inputMax);
        if (j >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input[j], "input[" + j + "] is outside [" + inputMin + ", " + inputMax + "] (units of 2^-" + activationBits + ").");
        }
    }

    /// <summary>Checks a sample-major batch and returns the number of samples.</summary>
    /// <exception cref="ArgumentException">The lengths are not whole samples or do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside [inputMin, inputMax].</exception>
    public static int CheckBatch(ReadOnlySpan<int> inputs, Span<int> outputs, int inputCount, int outputCount, int inputMin, int inputMax, int activationBits)
    {
        if (inputs.Length % inputCount != 0)
        {
            throw new ArgumentException("inputs holds " + inputs.Length + " values, not a whole number of samples of " + inputCount + ".", nameof(inputs));
        }

        int count = inputs.Length / inputCount;
        if (outputs.Length != (long)count * outputCount)
        {
            throw new ArgumentException("outputs needs " + ((long)count * outputCount) + " values for " + count + " samples; it has " + outputs.Length + ".", nameof(outputs));
        }

        int i = FirstOutOfRange(inputs, inputMin, inputMax);
        if (i >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs[i], "inputs[" + i + "] (sample " + (i / inputCount) + ", input " + (i % inputCount) + ") is outside [" + inputMin + ", " + inputMax + "] (units of 2^-" + activationBits + ").");
        }

        return count;
    }

    /// <summary>The index of the first value outside [min, max], or -1 (every value's index is out of range when max &lt; min: 0 for a non-empty span).</summary>
    public static int FirstOutOfRange(ReadOnlySpan<int> values, int min, int max)
    {
        if (max < min)
        {
            return values.IsEmpty ? -1 : 0;
        }

        // v is outside [min, max] exactly when (uint)(v - min) > (uint)(max - min): one
        // unsigned compare per value instead of two signed ones.
        uint low = unchecked((uint)min), span = unchecked((uint)(max - min));
        int i = 0;
#if NET8_0_OR_GREATER
        // Four vectors per step, one branch: a batch check reads 64 values per sample
        // (digits), and with one branch per vector the check cost 7% of EvaluateBatch.
        ref uint first = ref Unsafe.As<int, uint>(ref MemoryMarshal.GetReference(values));
        if (Vector512.IsHardwareAccelerated)
        {
            var lows = Vector512.Create(low);
            var spans = Vector512.Create(span);
            for (; i <= values.Length - (4 * Vector512<uint>.Count); i += 4 * Vector512<uint>.Count)
            {
                var a = Vector512.LoadUnsafe(ref first, (nuint)i) - lows;
                var b = Vector512.LoadUnsafe(ref first, (nuint)(i + Vector512<uint>.Count)) - lows;
                var c = Vector512.LoadUnsafe(ref first, (nuint)(i + (2 * Vector512<uint>.Count))) - lows;
                var d = Vector512.LoadUnsafe(ref first, (nuint)(i + (3 * Vector512<uint>.Count))) - lows;
                if (Vector512.GreaterThanAny(Vector512.Max(Vector512.Max(a, b), Vector512.Max(c, d)), spans))
                {
                    break;
                }
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var lows = Vector256.Create(low);
            var spans = Vector256.Create(span);
            for (; i <= values.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                if (Vector256.GreaterThanAny(Vector256.LoadUnsafe(ref first, (nuint)i) - lows, spans))
                {
                    break;
                }
            }
        }
#endif

        // The tail, and the vector step that found a value out of range: the first one's index.
        for (; i < values.Length; i++)
        {
            if (unchecked((uint)(values[i] - min)) > span)
            {
                return i;
            }
        }

        return -1;
    }
}
