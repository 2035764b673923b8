using System;
using System.Globalization;

namespace SlthGen.Samples.Reproduction;

/// <summary>Command-line options. <c>--quick</c> shrinks every experiment for a smoke run.</summary>
internal sealed class Options
{
    public string OutputDirectory { get; private set; } = "docs/theory";

    public int Threads { get; private set; } = Math.Max(1, Math.Min(2, Environment.ProcessorCount));

    public bool Quick { get; private set; }

    /// <summary>Which experiments to run (all by default): npp, rssp, c, overparam.</summary>
    public string[] Only { get; private set; } = Array.Empty<string>();

    public int[] PartitionSizes => new[] { 10, 20, 30 };

    public int PartitionInstances => Quick ? 200 : 2000;

    public int[] SubsetSumBits => new[] { 2, 3, 4, 6 };

    public int SubsetSumInstances => Quick ? 200 : 2000;

    public int[] TicketBits => Quick ? new[] { 1, 2, 4, 8 } : new[] { 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16 };

    public int TicketSeeds => Quick ? 3 : 15;

    public int[] Widths => Quick ? new[] { 2, 4 } : new[] { 2, 4, 8, 16 };

    /// <summary>
    /// <c>--scale</c>: run only section 5 (tickets at the scale of <c>tests/SlthGen.ScaleBenchmark</c>
    /// and the MNIST sample, a few minutes) and write <c>scale.md</c> instead of <c>results.md</c>.
    /// </summary>
    public bool Scale { get; private set; }

    /// <summary>The random target of section 5 (the scale benchmark's shape; smaller with <c>--quick</c>).</summary>
    public int[] ScaleShape => Quick ? new[] { 196, 100, 10 } : new[] { 784, 500, 10 };

    /// <summary>The δ = 2^-b of the sweep in section 5 (Theorem 1 allows b ≥ 2 with δt = 2^-4; δin = 2^-8).</summary>
    public int[] ScaleBits => Quick ? new[] { 2, 4 } : new[] { 2, 3, 4, 5, 6, 7, 8 };

    /// <summary>The MNIST sample's 4-bit target (relative to the repository root, where the command runs).</summary>
    public string MnistWeights { get; private set; } = "Samples/Mnist.Ticket/mnist-4bit.npz";

    public const string Usage =
        "usage: dotnet run -c Release --project Samples/Theory -- [--out DIR] [--threads N] [--quick] [--only npp,rssp,c,overparam] [--scale [--mnist FILE.npz]]";

    public bool Runs(string experiment) => Only.Length == 0 || Array.IndexOf(Only, experiment) >= 0;

    public static Options? Parse(string[] args)
    {
        var options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    options.OutputDirectory = args[++i];
                    break;
                case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int threads) && threads > 0:
                    options.Threads = threads;
                    i++;
                    break;
                case "--quick":
                    options.Quick = true;
                    break;
                case "--scale":
                    options.Scale = true;
                    break;
                case "--mnist" when i + 1 < args.Length:
                    options.MnistWeights = args[++i];
                    break;
                case "--only" when i + 1 < args.Length:
                    options.Only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
