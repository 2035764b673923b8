using System;
using System.Collections.Generic;

namespace SlthGen;

/// <summary>
/// A strong lottery ticket: masks over the random network g whose kept weights are exactly g's
/// reduced weights [g]_δ, and which computes exactly the target function. Inputs and outputs
/// are integers in units of γ, as for <see cref="TargetNetwork"/>.
/// </summary>
public sealed class Ticket
{
    private readonly TicketLayer[] _layers;
    private readonly int[] _copies;
    private readonly int[] _augmentedOutputs;

    internal Ticket(TargetNetwork target, TicketSettings settings, TicketLayer[] layers, int[] copies, int[] augmentedOutputs, bool constantChannel, TicketInfo info)
    {
        Target = target;
        Settings = settings;
        _layers = layers;
        _copies = copies;
        _augmentedOutputs = augmentedOutputs;
        ConstantChannel = constantChannel;
        Info = info;
    }

    /// <summary>
    /// Reassembles a ticket from its parts (generated code and .npz import use this). The layers
    /// must have the shapes the construction gives for the widths in <paramref name="info"/>;
    /// whether the weights are right is what <see cref="TicketVerifier"/> checks.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The layers do not have the construction's shapes.</exception>
    public static Ticket FromLayers(TargetNetwork target, TicketSettings settings, TicketInfo info, IReadOnlyList<TicketLayer> layers)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        if (info is null)
        {
            throw new ArgumentNullException(nameof(info));
        }

        if (layers is null)
        {
            throw new ArgumentNullException(nameof(layers));
        }

        int count = target.Layers.Count;
        if (info.Copies.Length != count || info.HiddenPerInput.Length != count)
        {
            throw new ArgumentException($"The report names widths for {info.Copies.Length} layers; the target has {count}.", nameof(info));
        }

        var copies = info.Copies.ToArray();
        var outputs = new int[count];
        var first = new AugmentedLayer(target, 0);
        for (int i = 0; i < count; i++)
        {
            outputs[i] = new AugmentedLayer(target, i).Outputs;
        }

        int expectedLayers = settings.Construction == TicketConstruction.Depth2L ? 2 * count : count + 1;
        if (layers.Count != expectedLayers)
        {
            throw new ArgumentException($"{settings.Construction} needs {expectedLayers} layers of g for a {count}-layer target; found {layers.Count}.", nameof(layers));
        }

        int columns = first.Inputs;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i] ?? throw new ArgumentException($"Layer {i + 1} is null.", nameof(layers));
            if (layer.GLayer != i + 1 || layer.Columns != columns)
            {
                throw new ArgumentException($"Layer {i + 1} of g should be M_{i + 1} with {columns} columns; found M_{layer.GLayer} with {layer.Columns}.", nameof(layers));
            }

            columns = layer.Rows;
        }

        // Reports created without the support count (older generated code, .npz files) get it from the layers.
        var ticket = new Ticket(target, settings, ToArray(layers), copies, outputs, first.ConstantIn, info.WithLayerCounts(layers));
        for (int i = 0; i < count; i++)
        {
            if (ticket._layers[ticket.LayerFor(i)].Rows != copies[i] * outputs[i])
            {
                throw new ArgumentException($"Target layer {i + 1} should appear as {copies[i]} × {outputs[i]} rows of M_{ticket.LayerFor(i) + 1}.", nameof(layers));
            }
        }

        return ticket;
    }

    private static TicketLayer[] ToArray(IReadOnlyList<TicketLayer> layers)
    {
        var array = new TicketLayer[layers.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = layers[i];
        }

        return array;
    }

    /// <summary>The target network this ticket represents.</summary>
    public TargetNetwork Target { get; }

    /// <summary>The seed, construction and precisions g was built with.</summary>
    public TicketSettings Settings { get; }

    /// <summary>The pruned layers of g, M_1 first.</summary>
    public IReadOnlyList<TicketLayer> Layers => _layers;

    /// <summary>Whether g's input carries a constant channel of value 1 after the d_0 inputs (the target has biases).</summary>
    public bool ConstantChannel { get; }

    /// <summary>The report.</summary>
    public TicketInfo Info { get; }

    /// <summary>d_0.</summary>
    public int InputCount => Target.InputCount;

    /// <summary>d_ℓ.</summary>
    public int OutputCount => Target.OutputCount;

    /// <summary>g's input width: d_0, plus the constant channel.</summary>
    public int GInputCount => InputCount + (ConstantChannel ? 1 : 0);

    /// <summary>The ticket's output, checked like <see cref="TargetNetwork.Evaluate(ReadOnlySpan{long}, Span{long})"/>.</summary>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside the declared range.</exception>
    public void Evaluate(ReadOnlySpan<long> input, Span<long> output)
    {
        Target.CheckOutput(output);
        var trace = Trace(input);
        trace[trace.Length - 1].CopyTo(output);
    }

    /// <summary>The ticket's output as a new array.</summary>
    public long[] Evaluate(ReadOnlySpan<long> input)
    {
        var output = new long[OutputCount];
        Evaluate(input, output);
        return output;
    }

    /// <summary>The output of every layer of the pruned g, in integer units (see <see cref="TicketLayer"/>).</summary>
    /// <exception cref="ArgumentException">Wrong input length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside the declared range.</exception>
    public long[][] Trace(ReadOnlySpan<long> input)
    {
        var buffers = new long[_layers.Length][];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new long[_layers[i].Rows];
        }

        var g = new long[GInputCount];
        Trace(input, g, buffers);
        return buffers;
    }

    internal void Trace(ReadOnlySpan<long> input, long[] gInput, long[][] buffers)
    {
        Target.CheckInput(input);
        input.CopyTo(gInput);
        if (ConstantChannel)
        {
            gInput[InputCount] = Target.Activation.One;
        }

        ReadOnlySpan<long> current = gInput;
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Forward(current, buffers[i]);
            current = buffers[i];
        }
    }

    /// <summary>The index of the ticket layer whose output represents target layer <paramref name="targetLayer"/> (0-based).</summary>
    public int LayerFor(int targetLayer) => Settings.Construction == TicketConstruction.Depth2L ? (2 * targetLayer) + 1 : targetLayer + 1;

    /// <summary>Copies of target layer <paramref name="targetLayer"/>'s neurons in that ticket layer (row = copy·<see cref="AugmentedOutputs"/> + neuron).</summary>
    public int CopiesOf(int targetLayer) => _copies[targetLayer];

    /// <summary>Target layer <paramref name="targetLayer"/>'s outputs in g: d_i, plus the carried constant channel.</summary>
    public int AugmentedOutputs(int targetLayer) => _augmentedOutputs[targetLayer];
}
