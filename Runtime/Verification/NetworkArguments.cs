using System;
using System.Numerics;

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

    /// <summary>The index of the first value outside [min, max], or -1.</summary>
    public static int FirstOutOfRange(ReadOnlySpan<int> values, int min, int max)
    {
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<int>.Count)
        {
            var low = new Vector<int>(min);
            var high = new Vector<int>(max);
            for (; i <= values.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var v = new Vector<int>(values.Slice(i));
                if (Vector.LessThanAny(v, low) || Vector.GreaterThanAny(v, high))
                {
                    break;
                }
            }
        }
#endif

        for (; i < values.Length; i++)
        {
            if (values[i] < min || values[i] > max)
            {
                return i;
            }
        }

        return -1;
    }
}
