using System;
using System.IO;
using SlthGen;
using SlthGen.Samples.Digits.Training;
using SlthGen.Samples.Mnist.Training;
using SlthGen.Samples.MnistTicket;
using Xunit;

// The generated facts: every kept weight is g's seeded weight; ticket == reference == interpreted
// target on a seeded sample of inputs with every corner; batch == scalar.
[assembly: TicketTests(typeof(MnistTicket))]

namespace MnistTicketPackage.Tests;

public class MnistTicketTests
{
    [Fact]
    public void The_ticket_equals_its_target_on_all_10000_images()
    {
        var all = MnistData.LoadAll();
        var inputs = all.ToInt32Inputs();
        var ticket = new int[all.Count * MnistTicket.OutputCount];
        var reference = new int[all.Count * MnistTicket.OutputCount];
        MnistTicket.EvaluateBatch(inputs, ticket);
        MnistTicket.EvaluateReferenceBatch(inputs, reference);
        Assert.Equal(10_000, all.Count);
        Assert.Equal(reference, ticket);

        // The batch entry points are checked against the scalar ones by the generated tests; here
        // one image per class goes through Evaluate and Predict too.
        var image = new int[MnistTicket.InputCount];
        var scores = new int[MnistTicket.OutputCount];
        int start = 0;
        foreach (int count in MnistData.ClassCounts)
        {
            all.CopyImage(start, image);
            MnistTicket.Evaluate(image, scores);
            Assert.Equal(reference.AsSpan(start * 10, 10).ToArray(), scores);
            Assert.Equal(Evaluation.Argmax<int>(scores), MnistTicket.Predict(image));
            start += count;
        }
    }

    [Fact]
    public void The_packaged_ticket_classifies_the_test_split_like_the_committed_target()
    {
        var test = MnistData.Load().Test;
        Assert.Equal(1922, Evaluation.Of(MnistTicket.Evaluate, test).Correct);
    }

    [Fact]
    public void Quantize_rounds_grey_levels_to_sixteenths()
    {
        Assert.Equal(0, MnistTicket.Quantize(0));
        Assert.Equal(0, MnistTicket.Quantize(7));   // 16·7/255 = 0.44
        Assert.Equal(1, MnistTicket.Quantize(8));   // 0.50
        Assert.Equal(8, MnistTicket.Quantize(128)); // 8.03
        Assert.Equal(16, MnistTicket.Quantize(255));
        for (int grey = 0; grey <= 255; grey++)
        {
            Assert.Equal(MnistData.ToGamma(grey), MnistTicket.Quantize(grey));
            Assert.Equal((int)Math.Round(16.0 * grey / 255), MnistTicket.Quantize(grey));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => MnistTicket.Quantize(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => MnistTicket.Quantize(-1));
    }

    [Fact]
    public void The_ticket_exports_and_reads_back_in_the_sparse_layout()
    {
        using var stream = new MemoryStream();
        TicketFile.Write(MnistTicket.InterpretedTicket, stream, compress: true, sparse: true);
        stream.Position = 0;
        var back = TicketFile.Read(stream);
        Assert.Equal(MnistTicket.Ticket.KeptParameters, back.Info.KeptParameters);
        Assert.Null(TicketVerifier.VerifyWeights(back));
    }
}
