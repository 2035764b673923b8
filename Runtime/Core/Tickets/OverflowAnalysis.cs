using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// Interval bounds that prove integer arithmetic free of overflow for every input in the
/// declared range (SPEC: no overflow is ever silently wrapped). For each layer the bound on
/// any partial sum, whatever the order of terms, is Σ|w|·max|x|; decimal (96-bit) arithmetic
/// keeps the analysis itself exact.
/// </summary>
public static class OverflowAnalysis
{
    /// <summary>Per-layer bounds: the largest |partial sum| of any row, and the output interval.</summary>
    public readonly record struct LayerBounds(decimal MaxAbsAccumulator, decimal OutputMin, decimal OutputMax)
    {
        /// <summary>Whether 32-bit accumulators suffice for the layer.</summary>
        public bool FitsInt32 => MaxAbsAccumulator <= int.MaxValue && OutputMin >= int.MinValue && OutputMax <= int.MaxValue;

        /// <summary>Whether 64-bit accumulators suffice for the layer.</summary>
        public bool FitsInt64 => MaxAbsAccumulator <= long.MaxValue;
    }

    /// <summary>Bounds of the target network's reference evaluation, layer by layer.</summary>
    public static LayerBounds[] Target(TargetNetwork network)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        var result = new LayerBounds[network.Layers.Count];
        decimal[] lo = Fill(network.InputCount, network.InputMin);
        decimal[] hi = Fill(network.InputCount, network.InputMax);
        int m = network.Activation.Bits, t = network.TargetPrecision.Bits;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            bool last = i == network.Layers.Count - 1;
            var nextLo = new decimal[layer.Outputs];
            var nextHi = new decimal[layer.Outputs];
            decimal maxAbs = 0, outMin = decimal.MaxValue, outMax = decimal.MinValue;
            for (int k = 0; k < layer.Outputs; k++)
            {
                decimal bias = layer.Bias(k) * (decimal)(1L << m);
                decimal sLo = bias, sHi = bias, abs = Math.Abs(bias);
                for (int j = 0; j < layer.Inputs; j++)
                {
                    Accumulate(layer.Weight(k, j), lo[j], hi[j], ref sLo, ref sHi, ref abs);
                }

                maxAbs = Math.Max(maxAbs, abs);
                nextLo[k] = Output(sLo, last, t);
                nextHi[k] = Output(sHi, last, t);
                outMin = Math.Min(outMin, nextLo[k]);
                outMax = Math.Max(outMax, nextHi[k]);
            }

            result[i] = new LayerBounds(maxAbs, outMin, outMax);
            lo = nextLo;
            hi = nextHi;
        }

        return result;
    }

    /// <summary>Bounds of a ticket's layers.</summary>
    public static LayerBounds[] Ticket(Ticket ticket)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        return TicketLayers(ticket.Target, ticket.Layers, ticket.ConstantChannel);
    }

    /// <summary>
    /// Why the target cannot run on 16-bit multiply-add kernels (products of int16 pairs summed in
    /// int32), or null when it can: every weight, every input in [InputMin, InputMax] and every
    /// hidden activation the declared range can produce fits in int16, and every partial sum,
    /// bias included, fits in int32.
    /// </summary>
    internal static string? Int16Obstacle(TargetNetwork network)
    {
        var bounds = Target(network);
        decimal lo = network.InputMin, hi = network.InputMax;
        for (int i = 0; i < bounds.Length; i++)
        {
            var layer = network.Layers[i];
            if (lo < short.MinValue || hi > short.MaxValue)
            {
                return $"the inputs of layer {i + 1} reach [{lo}, {hi}], beyond 16-bit integers";
            }

            foreach (long weight in layer.Weights)
            {
                if (weight < short.MinValue || weight > short.MaxValue)
                {
                    return $"layer {i + 1} has the weight {weight}, beyond 16-bit integers";
                }
            }

            if (!bounds[i].FitsInt32)
            {
                return $"the sums of layer {i + 1} reach |{bounds[i].MaxAbsAccumulator}|, beyond 32-bit integers";
            }

            lo = bounds[i].OutputMin;
            hi = bounds[i].OutputMax;
        }

        return null;
    }

    internal static string? CheckTicket(TargetNetwork target, IReadOnlyList<TicketLayer> layers, bool constantChannel)
    {
        var bounds = TicketLayers(target, layers, constantChannel);
        for (int i = 0; i < bounds.Length; i++)
        {
            if (!bounds[i].FitsInt64)
            {
                return $"Layer M_{layers[i].GLayer} of the ticket can reach |{bounds[i].MaxAbsAccumulator}| for inputs in [{target.InputMin}, {target.InputMax}], beyond 64-bit integers; narrow the input range or use fewer bits.";
            }
        }

        return null;
    }

    private static LayerBounds[] TicketLayers(TargetNetwork target, IReadOnlyList<TicketLayer> layers, bool constantChannel)
    {
        int inputs = target.InputCount + (constantChannel ? 1 : 0);
        decimal[] lo = Fill(inputs, target.InputMin);
        decimal[] hi = Fill(inputs, target.InputMax);
        if (constantChannel)
        {
            lo[inputs - 1] = hi[inputs - 1] = target.Activation.One;
        }

        var result = new LayerBounds[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var nextLo = new decimal[layer.Rows];
            var nextHi = new decimal[layer.Rows];
            decimal maxAbs = 0, outMin = decimal.MaxValue, outMax = decimal.MinValue;
            for (int r = 0; r < layer.Rows; r++)
            {
                decimal sLo = 0, sHi = 0, abs = 0;
                for (int e = layer.RowStart[r]; e < layer.RowStart[r + 1]; e++)
                {
                    int c = layer.ColumnIndices[e];
                    Accumulate(layer.Weights[e], lo[c], hi[c], ref sLo, ref sHi, ref abs);
                }

                maxAbs = Math.Max(maxAbs, abs);
                nextLo[r] = Output(sLo, !layer.Relu, layer.Shift);
                nextHi[r] = Output(sHi, !layer.Relu, layer.Shift);
                outMin = Math.Min(outMin, nextLo[r]);
                outMax = Math.Max(outMax, nextHi[r]);
            }

            result[i] = new LayerBounds(maxAbs, layer.Rows == 0 ? 0 : outMin, layer.Rows == 0 ? 0 : outMax);
            lo = nextLo;
            hi = nextHi;
        }

        return result;
    }

    private static void Accumulate(long weight, decimal lo, decimal hi, ref decimal sumLo, ref decimal sumHi, ref decimal abs)
    {
        decimal a = weight * lo, b = weight * hi;
        sumLo += Math.Min(a, b);
        sumHi += Math.Max(a, b);
        abs += Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static decimal Output(decimal sum, bool noRelu, int shift)
    {
        if (!noRelu && sum < 0)
        {
            sum = 0;
        }

        return Math.Floor(sum / (decimal)(1L << shift));
    }

    private static decimal[] Fill(int count, long value)
    {
        var a = new decimal[count];
        for (int i = 0; i < count; i++)
        {
            a[i] = value;
        }

        return a;
    }
}
