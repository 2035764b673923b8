using System;
using System.IO;

namespace SlthGen.Samples.Tests;

/// <summary>The committed files under Samples/Digits and Samples/Mnist.Ticket, copied next to the test assembly.</summary>
internal static class Committed
{
    public static string Weights { get; } = Path.Combine(AppContext.BaseDirectory, "Committed", "digits-4bit.npz");

    public static string TestSplit { get; } = Path.Combine(AppContext.BaseDirectory, "Committed", "digits-test.npz");

    public static string MnistWeights { get; } = Path.Combine(AppContext.BaseDirectory, "Committed", "mnist-4bit.npz");
}
