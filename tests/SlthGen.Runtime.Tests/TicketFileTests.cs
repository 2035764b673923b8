using System;
using System.IO;
using System.Linq;

namespace SlthGen.Tests;

public class TicketFileTests
{
    private static Ticket Build(TicketConstruction construction) =>
        TicketBuilder.BuildOrThrow(
            TicketBuilderTests.RandomTarget(new SeededRandom(17), layers: 2, maxWidth: 4, targetBits: 4, biases: true, inputMin: -3, inputMax: 5),
            new TicketSettings(3, construction, new Precision(6), new Precision(construction == TicketConstruction.Depth2L ? 2 : 4)));

    [Theory]
    [InlineData(TicketConstruction.Depth2L, true, false)]
    [InlineData(TicketConstruction.DepthLPlus1, false, false)]
    [InlineData(TicketConstruction.Depth2L, false, true)]
    [InlineData(TicketConstruction.DepthLPlus1, true, true)]
    public void Round_trip_preserves_the_ticket(TicketConstruction construction, bool compress, bool sparse)
    {
        var ticket = Build(construction);
        using var stream = new MemoryStream();
        TicketFile.Write(ticket, stream, compress, sparse);
        stream.Position = 0;
        var back = TicketFile.Read(stream);
        Assert.Equal(ticket.Layers.Count, back.Layers.Count);
        for (int i = 0; i < ticket.Layers.Count; i++)
        {
            Assert.Equal(ticket.Layers[i].RowStart.ToArray(), back.Layers[i].RowStart.ToArray());
            Assert.Equal(ticket.Layers[i].ColumnIndices.ToArray(), back.Layers[i].ColumnIndices.ToArray());
            Assert.Equal(ticket.Layers[i].Weights.ToArray(), back.Layers[i].Weights.ToArray());
            Assert.Equal(ticket.Layers[i].Relu, back.Layers[i].Relu);
            Assert.Equal(ticket.Layers[i].Shift, back.Layers[i].Shift);
        }

        Assert.Equal(ticket.Info.ToString().Split('\n').Take(4), back.Info.ToString().Split('\n').Take(4));
        Assert.True(TicketVerifier.VerifyFunction(back).Passed);
        Assert.Null(TicketVerifier.VerifyWeights(back));
    }

    [Fact]
    public void The_sparse_layout_holds_the_CSR_arrays_and_no_dense_matrix()
    {
        var ticket = Build(TicketConstruction.Depth2L);
        var archive = TicketFile.ToArchive(ticket, sparse: true);
        Assert.Equal(TicketFile.SparseFormat, archive["format"].GetString(0));
        foreach (var layer in ticket.Layers)
        {
            string n = layer.GLayer.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(archive.Contains("M" + n + "_mask"));
            Assert.False(archive.Contains("M" + n + "_weights"));
            Assert.Equal(new long[] { layer.Rows, layer.Columns }, archive["M" + n + "_shape"].ToInt64Array());
            Assert.Equal(layer.Weights.ToArray(), archive["M" + n + "_data"].ToInt64Array());
            Assert.Equal(layer.ColumnIndices.ToArray().Select(c => (long)c), archive["M" + n + "_indices"].ToInt64Array());
            Assert.Equal(layer.RowStart.ToArray().Select(r => (long)r), archive["M" + n + "_indptr"].ToInt64Array());
            Assert.Equal(NpyDType.Int32, archive["M" + n + "_indptr"].DType);
        }

        // Dense and sparse files read back to the same ticket.
        var dense = TicketFile.FromArchive(TicketFile.ToArchive(ticket));
        var fromSparse = TicketFile.FromArchive(archive);
        Assert.Equal(TicketFile.ToArchive(dense, sparse: true).ToBytes(), TicketFile.ToArchive(fromSparse, sparse: true).ToBytes());
    }

    [Fact]
    public void Malformed_sparse_entries_are_named()
    {
        var archive = TicketFile.ToArchive(Build(TicketConstruction.Depth2L), sparse: true);
        var indptr = archive["M1_indptr"].ToInt64Array();
        var badPtr = indptr.ToArray();
        badPtr[^1]--;
        Assert.Equal("M1_indptr", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("M1_indptr", NpyArray.Create(NpyDType.Int32, new[] { badPtr.Length }, badPtr)))).ArrayName);
        var indices = archive["M1_indices"].ToInt64Array();
        var shape = archive["M1_shape"].ToInt64Array();
        var badColumn = indices.ToArray();
        badColumn[0] = shape[1];
        Assert.Equal("M1_indices", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("M1_indices", NpyArray.Create(NpyDType.Int32, new[] { badColumn.Length }, badColumn)))).ArrayName);
        Assert.Equal("M2_data", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("M2_data", NpyArray.Scalar("x")))).ArrayName);
        var without = new NpzArchive(archive.Where(kv => kv.Key != "M2_indptr"));
        Assert.Equal("M2_indptr", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(without)).ArrayName);
    }

    [Fact]
    public void A_tampered_sparse_weight_reads_back_but_fails_verification()
    {
        var archive = TicketFile.ToArchive(Build(TicketConstruction.Depth2L), sparse: true);
        var data = archive["M2_data"].ToInt64Array();
        data[0] += data[0] > 0 ? -1 : 1;
        if (data[0] == 0)
        {
            data[0] = 2;
        }

        var tampered = TicketFile.FromArchive(archive.With("M2_data", NpyArray.Create(NpyDType.Int32, new[] { data.Length }, data)));
        Assert.NotNull(TicketVerifier.VerifyWeights(tampered));
    }

    [Fact]
    public void Writing_is_deterministic()
    {
        var ticket = Build(TicketConstruction.Depth2L);
        Assert.Equal(TicketFile.ToArchive(ticket).ToBytes(), TicketFile.ToArchive(Build(TicketConstruction.Depth2L)).ToBytes());
    }

    [Theory]
    [InlineData("format", "no entry 'format'")]
    [InlineData("M1_mask", "no entry 'M1_mask'")]
    [InlineData("target_W2", "no entry 'target_W2'")]
    [InlineData("seed", "no entry 'seed'")]
    public void A_missing_entry_is_named(string entry, string message)
    {
        var archive = TicketFile.ToArchive(Build(TicketConstruction.Depth2L));
        var without = new NpzArchive(archive.Where(kv => kv.Key != entry));
        var e = Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(without));
        Assert.Contains(message, e.Message);
        Assert.Equal(entry, e.ArrayName);
    }

    [Fact]
    public void Malformed_entries_are_named()
    {
        var archive = TicketFile.ToArchive(Build(TicketConstruction.Depth2L));
        Assert.Equal("format", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("format", NpyArray.Scalar("something else")))).ArrayName);
        Assert.Equal("construction", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("construction", NpyArray.Scalar("Depth3")))).ArrayName);
        var weights = archive["M2_weights"];
        var shifted = NpyArray.Create(NpyDType.Int32, weights.GetShape(), weights.ToInt64Array().Select(w => w == 0 ? 1L : w).ToArray());
        Assert.Contains("where the mask prunes it", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("M2_weights", shifted))).Message);
        Assert.Equal("M1_mask", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("M1_mask", NpyArray.Scalar(3L)))).ArrayName);
        Assert.Equal("copies", Assert.Throws<NpyFormatException>(() => TicketFile.FromArchive(archive.With("copies", NpyArray.Scalar(3L)))).ArrayName);
    }

    [Fact]
    public void A_tampered_weight_reads_back_but_fails_verification()
    {
        var archive = TicketFile.ToArchive(Build(TicketConstruction.Depth2L));
        var weights = archive["M2_weights"].ToInt64Array();
        int at = Array.FindIndex(weights, w => w != 0);
        weights[at] += weights[at] > 0 ? -1 : 1;
        if (weights[at] == 0)
        {
            weights[at] = 2;
        }

        var tampered = TicketFile.FromArchive(archive.With("M2_weights", NpyArray.Create(NpyDType.Int32, archive["M2_weights"].GetShape(), weights)));
        Assert.NotNull(TicketVerifier.VerifyWeights(tampered));
    }

    [Fact]
    public void Garbage_is_a_format_error()
    {
        Assert.ThrowsAny<FormatException>(() => TicketFile.Read(new MemoryStream(new byte[] { 1, 2, 3, 4, 5 })));
    }
}
