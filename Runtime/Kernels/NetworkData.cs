using System;

namespace SlthGen;

/// <summary>
/// Decodes the compact data generated code carries (base64 text of <see cref="NetworkCodec"/>'s
/// bytes, each weight once) into the interpreted target and ticket, once, at first use. The
/// ticket's table kernels, the checks and the export all read what is decoded here, so what runs
/// is what <c>VerifyKeptWeights</c> compares against g's seeded weights.
/// </summary>
public static class NetworkData
{
    /// <summary>The target network from its compact data.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or a precision is null.</exception>
    /// <exception cref="FormatException">The data is damaged (not base64, or not a valid encoding).</exception>
    public static TargetNetwork Target(string data, Precision targetPrecision, Precision activation, long inputMin, long inputMax)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        var layers = NetworkCodec.DecodeTarget(Convert.FromBase64String(data));
        var target = new TargetLayer[layers.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            var (inputs, outputs, weights, biases) = layers[i];
            target[i] = new TargetLayer(inputs, outputs, weights, biases);
        }

        return new TargetNetwork(target, targetPrecision, activation, inputMin, inputMax);
    }

    /// <summary>The ticket from its compact data: every kept weight with its coordinates in g.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FormatException">The data is damaged.</exception>
    /// <exception cref="ArgumentException">The layers do not have the construction's shapes.</exception>
    public static Ticket Ticket(string data, TargetNetwork target, TicketSettings settings, TicketInfo info)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return SlthGen.Ticket.FromLayers(target, settings, info, NetworkCodec.DecodeTicket(Convert.FromBase64String(data)));
    }

    /// <summary>Layer <paramref name="layer"/>'s weights (0-based), row-major [output][input], as int (the generated reference reads them).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such layer, or a weight beyond int.</exception>
    public static int[] Int32Weights(TargetNetwork network, int layer) => ToInt32(Layer(network, layer).Weights, nameof(layer));

    /// <summary>Layer <paramref name="layer"/>'s biases (0-based) as int, or null when it has none.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such layer, or a bias beyond int.</exception>
    public static int[]? Int32Biases(TargetNetwork network, int layer)
    {
        var l = Layer(network, layer);
        return l.HasBiases ? ToInt32(l.Biases, nameof(layer)) : null;
    }

    private static TargetLayer Layer(TargetNetwork network, int layer)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        if (layer < 0 || layer >= network.Layers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The network has layers 0 to {network.Layers.Count - 1}.");
        }

        return network.Layers[layer];
    }

    private static int[] ToInt32(ReadOnlySpan<long> values, string name)
    {
        var result = new int[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            if (values[i] < int.MinValue || values[i] > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(name, values[i], "A value is beyond 32-bit integers.");
            }

            result[i] = (int)values[i];
        }

        return result;
    }
}
