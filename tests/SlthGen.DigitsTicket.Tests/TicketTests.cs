using System;
using System.IO;
using SlthGen;
using SlthGen.Samples.DigitsTicket;
using Xunit;

[assembly: TicketTests(typeof(DigitsTicket))]

namespace DigitsTicketPackage.Tests;

public class DigitsTicketTests
{
    [Fact]
    public void The_packaged_ticket_classifies_the_test_split_like_its_target()
    {
        var test = NpzArchive.ReadFile(Path.Combine(AppContext.BaseDirectory, "digits-test.npz"));
        long[] x = test["x"].ToInt64Array(), y = test["y"].ToInt64Array();
        var pixels = new int[DigitsTicket.InputCount];
        var ticket = new int[DigitsTicket.OutputCount];
        var reference = new int[DigitsTicket.OutputCount];
        int correct = 0;
        for (int i = 0; i < y.Length; i++)
        {
            for (int j = 0; j < pixels.Length; j++)
            {
                pixels[j] = (int)x[(i * pixels.Length) + j];
            }

            DigitsTicket.Evaluate(pixels, ticket);
            DigitsTicket.EvaluateReference(pixels, reference);
            Assert.Equal(reference, ticket);
            correct += DigitsTicket.Predict(pixels) == y[i] ? 1 : 0;
        }

        Assert.Equal(450, y.Length);
        Assert.Equal(435, correct);
    }
}
