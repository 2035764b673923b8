using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace SlthGen;

/// <summary>
/// Tickets as NumPy <c>.npz</c> files (layout in docs/ticket-format.md): the target, the seed and
/// precisions, and for every layer M_i of g either its dense 0/1 mask and masked reduced weights
/// (<see cref="Format"/>, version 1) or its kept weights in CSR form (<see cref="SparseFormat"/>,
/// version 2, for tickets whose dense matrices would not fit in memory), so a few lines of NumPy
/// rebuild the ticket's forward pass and re-check every weight. <see cref="Read"/> takes both.
/// </summary>
public static class TicketFile
{
    /// <summary>The value of the <c>format</c> entry of the dense layout (version 1).</summary>
    public const string Format = "slthgen-ticket/1";

    /// <summary>The value of the <c>format</c> entry of the sparse (CSR) layout (version 2).</summary>
    public const string SparseFormat = "slthgen-ticket/2";

    /// <summary>The ticket as an archive of named arrays, dense layout (<see cref="Format"/>).</summary>
    public static NpzArchive ToArchive(Ticket ticket) => ToArchive(ticket, sparse: false);

    /// <summary>
    /// The ticket as an archive of named arrays: the dense layout (<see cref="Format"/>), or with
    /// <paramref name="sparse"/> the CSR layout (<see cref="SparseFormat"/>): per matrix M_i only
    /// <c>M{i}_shape</c>, <c>M{i}_data</c>, <c>M{i}_indices</c> and <c>M{i}_indptr</c>, the arrays
    /// <c>scipy.sparse.csr_matrix((data, indices, indptr), shape)</c> takes.
    /// </summary>
    public static NpzArchive ToArchive(Ticket ticket, bool sparse)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        var info = ticket.Info;
        var target = ticket.Target;
        var entries = new List<KeyValuePair<string, NpyArray>>
        {
            Entry("format", NpyArray.Scalar(sparse ? SparseFormat : Format)),
            Entry("construction", NpyArray.Scalar(info.Construction.ToString())),
            Entry("seed", NpyArray.Scalar(info.Seed)),
            Entry("target_bits", NpyArray.Scalar(info.TargetBits)),
            Entry("init_bits", NpyArray.Scalar(info.InitBits)),
            Entry("ticket_bits", NpyArray.Scalar(info.TicketBits)),
            Entry("activation_bits", NpyArray.Scalar(info.ActivationBits)),
            Entry("input_min", NpyArray.Scalar(target.InputMin)),
            Entry("input_max", NpyArray.Scalar(target.InputMax)),
            Entry("constant_channel", NpyArray.FromBooleans(ReadOnlySpan<int>.Empty, new[] { ticket.ConstantChannel })),
            Entry("shape", Vector(info.LayerShape)),
            Entry("hidden_per_input", Vector(info.HiddenPerInput.ToArray())),
            Entry("copies", Vector(info.Copies.ToArray())),
            Entry("instances_solved", NpyArray.Scalar(info.InstancesSolved)),
        };

        for (int i = 0; i < target.Layers.Count; i++)
        {
            var layer = target.Layers[i];
            string n = (i + 1).ToString(CultureInfo.InvariantCulture);
            entries.Add(Entry("target_W" + n, NpyArray.Create(NpyDType.Int32, new[] { layer.Outputs, layer.Inputs }, layer.Weights)));
            if (layer.HasBiases)
            {
                entries.Add(Entry("target_b" + n, NpyArray.Create(NpyDType.Int32, new[] { layer.Outputs }, layer.Biases)));
            }
        }

        foreach (var layer in ticket.Layers)
        {
            string n = layer.GLayer.ToString(CultureInfo.InvariantCulture);
            if (sparse)
            {
                AddSparse(entries, n, layer);
                entries.Add(Entry("M" + n + "_relu", NpyArray.FromBooleans(ReadOnlySpan<int>.Empty, new[] { layer.Relu })));
                entries.Add(Entry("M" + n + "_shift", NpyArray.Scalar(layer.Shift)));
                continue;
            }

            var shape = new[] { layer.Rows, layer.Columns };
            var mask = layer.DenseMask();
            var weights = new long[mask.Length];
            long max = 0;
            for (int r = 0; r < layer.Rows; r++)
            {
                for (int e = layer.RowStart[r]; e < layer.RowStart[r + 1]; e++)
                {
                    long w = layer.Weights[e];
                    weights[((long)r * layer.Columns) + layer.ColumnIndices[e]] = w;
                    max = Math.Max(max, Math.Abs(w));
                }
            }

            var type = max <= sbyte.MaxValue ? NpyDType.Int8 : max <= short.MaxValue ? NpyDType.Int16 : NpyDType.Int32;
            entries.Add(Entry("M" + n + "_mask", NpyArray.FromBooleans(shape, mask)));
            entries.Add(Entry("M" + n + "_weights", NpyArray.Create(type, shape, weights)));
            entries.Add(Entry("M" + n + "_relu", NpyArray.FromBooleans(ReadOnlySpan<int>.Empty, new[] { layer.Relu })));
            entries.Add(Entry("M" + n + "_shift", NpyArray.Scalar(layer.Shift)));
        }

        return new NpzArchive(entries);
    }

    /// <summary>Writes the ticket to a stream as <c>.npz</c> (deflated unless <paramref name="compress"/> is false), dense layout.</summary>
    public static void Write(Ticket ticket, Stream stream, bool compress = true) => Write(ticket, stream, compress, sparse: false);

    /// <summary>Writes the ticket to a stream as <c>.npz</c>, in the dense or (with <paramref name="sparse"/>) the CSR layout.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="compress">Deflate the entries.</param>
    /// <param name="sparse">Write <see cref="SparseFormat"/> (CSR) instead of <see cref="Format"/> (dense).</param>
    public static void Write(Ticket ticket, Stream stream, bool compress, bool sparse)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        ToArchive(ticket, sparse).Write(stream, compress);
    }

    /// <summary>Reads a ticket back; every inconsistency is an <see cref="NpyFormatException"/> naming the entry.</summary>
    /// <exception cref="NpyFormatException">The file is not a ticket, or an entry is missing or malformed.</exception>
    public static Ticket Read(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        return FromArchive(NpzArchive.Read(stream));
    }

    /// <summary>Rebuilds a ticket from an archive written by <see cref="ToArchive(Ticket, bool)"/>.</summary>
    /// <exception cref="NpyFormatException">The archive is not a ticket, or an entry is missing or malformed.</exception>
    public static Ticket FromArchive(NpzArchive archive)
    {
        if (archive is null)
        {
            throw new ArgumentNullException(nameof(archive));
        }

        string format = String(archive, "format");
        if (format != Format && format != SparseFormat)
        {
            throw Bad("format", $"is '{format}', expected '{Format}' or '{SparseFormat}'");
        }

        bool sparse = format == SparseFormat;

        var construction = String(archive, "construction") switch
        {
            "Depth2L" => TicketConstruction.Depth2L,
            "DepthLPlus1" => TicketConstruction.DepthLPlus1,
            var other => throw Bad("construction", $"is '{other}', expected Depth2L or DepthLPlus1"),
        };
        int targetBits = Int(archive, "target_bits"), initBits = Int(archive, "init_bits"), ticketBits = Int(archive, "ticket_bits"), activationBits = Int(archive, "activation_bits");
        var shape = Ints(archive, "shape", -1);
        int count = shape.Length - 1;
        if (count < 1)
        {
            throw Bad("shape", "needs at least two entries (d_0 and d_1)");
        }

        var hidden = Ints(archive, "hidden_per_input", count);
        var copies = Ints(archive, "copies", count);
        TargetNetwork target;
        TicketSettings settings;
        try
        {
            var layers = new List<TargetLayer>();
            for (int i = 0; i < count; i++)
            {
                string n = (i + 1).ToString(CultureInfo.InvariantCulture);
                var w = Array(archive, "target_W" + n, new[] { shape[i + 1], shape[i] }).ToInt64Array();
                long[]? b = archive.Contains("target_b" + n) ? Array(archive, "target_b" + n, new[] { shape[i + 1] }).ToInt64Array() : null;
                layers.Add(new TargetLayer(shape[i], shape[i + 1], w, b));
            }

            target = new TargetNetwork(layers, new Precision(targetBits), new Precision(activationBits), Long(archive, "input_min"), Long(archive, "input_max"));
            settings = new TicketSettings(Long(archive, "seed"), construction, new Precision(initBits), new Precision(ticketBits));
        }
        catch (ArgumentException e)
        {
            throw new NpyFormatException("The ticket's target or precisions are invalid: " + e.Message, null, e);
        }

        int gLayers = construction == TicketConstruction.Depth2L ? 2 * count : count + 1;
        var ticketLayers = new TicketLayer[gLayers];
        for (int i = 0; i < gLayers; i++)
        {
            string n = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (sparse)
            {
                ticketLayers[i] = ReadSparse(archive, n, i + 1);
                continue;
            }

            var mask = Get(archive, "M" + n + "_mask");
            var weights = Get(archive, "M" + n + "_weights");
            if (!mask.IsBoolean || mask.Rank != 2)
            {
                throw Bad("M" + n + "_mask", "must be a 2-D bool array");
            }

            if (!weights.IsInteger || !SameShape(mask, weights))
            {
                throw Bad("M" + n + "_weights", "must be an integer array with the shape of M" + n + "_mask");
            }

            int rows = mask.Shape[0], columns = mask.Shape[1];
            var m = mask.ToBooleanArray();
            var w = weights.ToInt64Array();
            var rowStart = new int[rows + 1];
            var columnIndices = new List<int>();
            var kept = new List<long>();
            for (int r = 0; r < rows; r++)
            {
                rowStart[r] = kept.Count;
                for (int c = 0; c < columns; c++)
                {
                    long at = ((long)r * columns) + c;
                    if (m[at])
                    {
                        columnIndices.Add(c);
                        kept.Add(w[at]);
                    }
                    else if (w[at] != 0)
                    {
                        throw Bad("M" + n + "_weights", $"has a weight at [{r},{c}] where the mask prunes it");
                    }
                }
            }

            rowStart[rows] = kept.Count;
            ticketLayers[i] = CreateLayer(archive, n, i + 1, rows, columns, rowStart, columnIndices.ToArray(), kept.ToArray());
        }

        long dense = 0, keptCount = 0;
        foreach (var layer in ticketLayers)
        {
            dense += layer.DenseCount;
            keptCount += layer.KeptCount;
        }

        var info = new TicketInfo(construction, settings.Seed, targetBits, initBits, ticketBits, activationBits, hidden, copies, shape, target.WeightCount, dense, keptCount, Long(archive, "instances_solved"));
        try
        {
            return Ticket.FromLayers(target, settings, info, ticketLayers);
        }
        catch (ArgumentException e)
        {
            throw new NpyFormatException("The ticket's layers do not fit its construction: " + e.Message, null, e);
        }
    }

    private static KeyValuePair<string, NpyArray> Entry(string name, NpyArray array) => new(name, array);

    // M{n}_shape int64 [2], M{n}_data int8/16/32 [nnz] (the kept reduced weights in units of δ, row
    // by row), M{n}_indices int32 [nnz] (their columns, ascending within a row), M{n}_indptr
    // int32 [rows + 1] (row r's weights are data[indptr[r]:indptr[r + 1]]): scipy's CSR arrays.
    private static void AddSparse(List<KeyValuePair<string, NpyArray>> entries, string n, TicketLayer layer)
    {
        var weights = layer.Weights;
        long max = 0;
        foreach (long w in weights)
        {
            max = Math.Max(max, Math.Abs(w));
        }

        var type = max <= sbyte.MaxValue ? NpyDType.Int8 : max <= short.MaxValue ? NpyDType.Int16 : NpyDType.Int32;
        entries.Add(Entry("M" + n + "_shape", Vector(new[] { layer.Rows, layer.Columns })));
        entries.Add(Entry("M" + n + "_data", NpyArray.Create(type, new[] { weights.Length }, weights)));
        entries.Add(Entry("M" + n + "_indices", NpyArray.Create(NpyDType.Int32, new[] { layer.ColumnIndices.Length }, Longs(layer.ColumnIndices))));
        entries.Add(Entry("M" + n + "_indptr", NpyArray.Create(NpyDType.Int32, new[] { layer.RowStart.Length }, Longs(layer.RowStart))));
    }

    private static TicketLayer ReadSparse(NpzArchive archive, string n, int gLayer)
    {
        var shape = Ints(archive, "M" + n + "_shape", 2);
        int rows = shape[0], columns = shape[1];
        var data = Get(archive, "M" + n + "_data");
        if (!data.IsInteger || data.Rank != 1)
        {
            throw Bad("M" + n + "_data", "must be a 1-D integer array");
        }

        var indices = Ints(archive, "M" + n + "_indices", data.Length);
        if (rows == int.MaxValue)
        {
            throw Bad("M" + n + "_shape", "has too many rows");
        }

        var indptr = Ints(archive, "M" + n + "_indptr", rows + 1);
        if (indptr[0] != 0 || indptr[rows] != data.Length)
        {
            throw Bad("M" + n + "_indptr", $"must start at 0 and end at the length of M{n}_data ({data.Length})");
        }

        for (int r = 0; r < rows; r++)
        {
            if (indptr[r + 1] < indptr[r])
            {
                throw Bad("M" + n + "_indptr", $"decreases at row {r}");
            }

            for (int e = indptr[r]; e < indptr[r + 1]; e++)
            {
                if (indices[e] >= columns || (e > indptr[r] && indices[e] <= indices[e - 1]))
                {
                    throw Bad("M" + n + "_indices", $"must hold ascending columns below {columns} within each row; row {r} has {indices[e]}");
                }
            }
        }

        return CreateLayer(archive, n, gLayer, rows, columns, indptr, indices, data.ToInt64Array(), "_indices");
    }

    private static TicketLayer CreateLayer(NpzArchive archive, string n, int gLayer, int rows, int columns, int[] rowStart, int[] columnIndices, long[] weights, string sparseEntry = "_weights")
    {
        bool relu = Get(archive, "M" + n + "_relu").ToBooleanArray() is { Length: 1 } flag ? flag[0] : throw Bad("M" + n + "_relu", "must be a bool scalar");
        try
        {
            return TicketLayer.Create(gLayer, rows, columns, relu, Int(archive, "M" + n + "_shift"), rowStart, columnIndices, weights);
        }
        catch (ArgumentException e)
        {
            string entry = "M" + n + (e.ParamName == "shift" ? "_shift" : sparseEntry);
            throw new NpyFormatException($"The ticket file's matrix M{n} is invalid: {e.Message}", entry, e);
        }
    }

    private static long[] Longs(ReadOnlySpan<int> values)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static NpyArray Vector(int[] values)
    {
        var longs = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            longs[i] = values[i];
        }

        return NpyArray.Create(NpyDType.Int64, new[] { values.Length }, longs);
    }

    private static NpyArray Get(NpzArchive archive, string name) =>
        archive.TryGet(name, out var array) ? array : throw new NpyFormatException($"The ticket file has no entry '{name}'.", name, null);

    private static NpyArray Array(NpzArchive archive, string name, int[] shape)
    {
        var array = Get(archive, name);
        if (!array.IsInteger || array.Rank != shape.Length)
        {
            throw Bad(name, "must be an integer array of shape (" + string.Join(", ", shape) + ")");
        }

        for (int i = 0; i < shape.Length; i++)
        {
            if (array.Shape[i] != shape[i])
            {
                throw Bad(name, "must have shape (" + string.Join(", ", shape) + "), has (" + string.Join(", ", array.Shape) + ")");
            }
        }

        return array;
    }

    private static string String(NpzArchive archive, string name)
    {
        var array = Get(archive, name);
        return array.IsString && array.Length == 1 ? array.GetString(0) : throw Bad(name, "must be a string scalar");
    }

    private static long Long(NpzArchive archive, string name)
    {
        var array = Get(archive, name);
        return array.IsInteger && array.Length == 1 ? array.GetInt64(0) : throw Bad(name, "must be an integer scalar");
    }

    private static int Int(NpzArchive archive, string name)
    {
        long value = Long(archive, name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Bad(name, "is out of range");
    }

    private static int[] Ints(NpzArchive archive, string name, int length)
    {
        var array = Get(archive, name);
        if (!array.IsInteger || array.Rank != 1 || (length >= 0 && array.Length != length))
        {
            throw Bad(name, length >= 0 ? $"must be an integer vector of length {length}" : "must be an integer vector");
        }

        var values = array.ToInt64Array();
        var result = new int[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = values[i] is >= 0 and <= int.MaxValue ? (int)values[i] : throw Bad(name, $"has an invalid entry {values[i]}");
        }

        return result;
    }

    private static bool SameShape(NpyArray a, NpyArray b)
    {
        if (a.Rank != b.Rank)
        {
            return false;
        }

        for (int i = 0; i < a.Rank; i++)
        {
            if (a.Shape[i] != b.Shape[i])
            {
                return false;
            }
        }

        return true;
    }

    private static NpyFormatException Bad(string name, string problem) => new($"The ticket file's entry '{name}' {problem}.", name, null);
}
