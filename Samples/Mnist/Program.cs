using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SlthGen;
using SlthGen.Samples.Digits.Training;
using SlthGen.Samples.Mnist.Training;
using SlthGen.Samples.MnistTicket;

// Usage: dotnet run --project Samples/Mnist -c Release [-- --export ticket.npz]
string? exportPath = args switch
{
    [] => null,
    ["--export", var path] => path,
    _ => throw new ArgumentException("Usage: Mnist [--export ticket.npz]", nameof(args)),
};

// 1. Train and quantise (deterministic), and check that this is the network compiled into the ticket.
var build = MnistPipeline.Run();
var test = build.Split.Test;
Console.WriteLine($"trained 784-500-10 on {build.Split.Train.Count:N0} MNIST images in {build.TrainingTime.TotalSeconds:0.0} s (+{build.FineTuneTime.TotalSeconds:0.0} s quantisation-aware fine-tuning)");
Console.WriteLine($"  float accuracy         {Evaluation.Of(build.FloatModel, test)}  (test split, {test.Count:N0} images, pixels rounded to γ = 2^-4)");
bool same = SameWeights(build.Target.ToTargetNetwork(), MnistTicket.TargetNetwork);
Console.WriteLine($"  quantised to δt = 2^-4: {(same ? "identical to mnist-4bit.npz, the file the ticket was built from" : "DIFFERS from mnist-4bit.npz: rerun Samples/Mnist.Training with --out")}");

// 2. The target (reference) and the ticket: accuracy on the test split, outputs on all 10,000 images.
var target = Evaluation.Of(MnistTicket.EvaluateReference, test);
var ticket = Evaluation.Of(MnistTicket.Evaluate, test);
bool identical = Evaluation.Predict(MnistTicket.EvaluateReference, test).SequenceEqual(Evaluation.Predict(MnistTicket.Evaluate, test));
Console.WriteLine($"  target accuracy        {target}");
Console.WriteLine($"  ticket accuracy        {ticket}  ({(identical ? "same prediction on every test image" : "PREDICTIONS DIFFER")})");
var all = MnistData.LoadAll().ToInt32Inputs();
int images = all.Length / MnistTicket.InputCount;
var ticketOutputs = new int[images * MnistTicket.OutputCount];
var targetOutputs = new int[images * MnistTicket.OutputCount];
MnistTicket.EvaluateBatch(all, ticketOutputs);
MnistTicket.EvaluateReferenceBatch(all, targetOutputs);
int differing = Enumerable.Range(0, images).Count(n => !ticketOutputs.AsSpan(n * 10, 10).SequenceEqual(targetOutputs.AsSpan(n * 10, 10)));
bool everywhere = differing == 0;
Console.WriteLine($"  all {images:N0} images: {(everywhere ? "ticket outputs == target outputs, bit for bit (so the same predictions)" : $"OUTPUTS DIFFER on {differing} images")}");
Console.WriteLine();

// 3. The ticket's report and its proof.
Console.WriteLine(MnistTicket.Ticket);
var clock = Stopwatch.StartNew();
var verification = MnistTicket.Verify();
Console.WriteLine($"  {verification} ({clock.Elapsed.TotalSeconds:0} s)");

// The generator found this ticket at compile time; find it again here, with the runtime library's
// TicketBuilder (the same code), to time the search and check that it gives the same kept weights.
var info = MnistTicket.Ticket;
var settings = new TicketSettings(info.Seed, info.Construction, new Precision(info.InitBits), new Precision(info.TicketBits));
clock.Restart();
var again = TicketBuilder.BuildOrThrow(MnistTicket.TargetNetwork, settings);
double solveSeconds = clock.Elapsed.TotalSeconds;
bool sameTicket = SameLayers(again, MnistTicket.InterpretedTicket);
Console.WriteLine($"  found again at run time in {solveSeconds:0.0} s ({info.InstancesSolved:N0} subset-sum instances): {(sameTicket ? "the same kept weights" : "A DIFFERENT TICKET")}");
Console.WriteLine();

// 4. Throughput of the ticket (scalar and SIMD batch) and of the reference, on the test split.
var inputs = test.ToInt32Inputs();
Console.WriteLine("inference throughput (test images, one core):");
Console.WriteLine($"  ticket Evaluate                  {Throughput(inputs, (x, y) => MnistTicket.Evaluate(x, y), null),10:N0} images/s");
Console.WriteLine($"  ticket EvaluateBatch             {Throughput(inputs, null, MnistTicket.EvaluateBatch),10:N0} images/s");
Console.WriteLine($"  reference EvaluateReference      {Throughput(inputs, (x, y) => MnistTicket.EvaluateReference(x, y), null),10:N0} images/s");
Console.WriteLine($"  reference EvaluateReferenceBatch {Throughput(inputs, null, MnistTicket.EvaluateReferenceBatch),10:N0} images/s");

// 5. The ticket as a file, in the sparse (CSR) layout: dense masks would hold ~10^8 entries per matrix.
if (exportPath is not null)
{
    using (var file = File.Create(exportPath))
    {
        TicketFile.Write(MnistTicket.InterpretedTicket, file, compress: true, sparse: true);
    }

    Console.WriteLine($"wrote {exportPath} ({new FileInfo(exportPath).Length:N0} bytes, {TicketFile.SparseFormat}, docs/ticket-format.md)");
}

return same && identical && everywhere && verification.Passed && sameTicket ? 0 : 1;

static double Throughput(int[] inputs, NetworkEvaluator? scalar, NetworkEvaluator? batch) =>
    SlthGen.Samples.Digits.Training.Throughput.Measure(inputs, MnistTicket.InputCount, MnistTicket.OutputCount, scalar, batch);

static bool SameLayers(Ticket a, Ticket b) =>
    a.Layers.Count == b.Layers.Count && Enumerable.Range(0, a.Layers.Count).All(i =>
        a.Layers[i].RowStart.SequenceEqual(b.Layers[i].RowStart) && a.Layers[i].ColumnIndices.SequenceEqual(b.Layers[i].ColumnIndices)
        && a.Layers[i].Weights.SequenceEqual(b.Layers[i].Weights) && a.Layers[i].Shift == b.Layers[i].Shift && a.Layers[i].Relu == b.Layers[i].Relu);

static bool SameWeights(TargetNetwork a, TargetNetwork b) =>
    a.Layers.Count == b.Layers.Count && Enumerable.Range(0, a.Layers.Count).All(i =>
        a.Layers[i].Weights.SequenceEqual(b.Layers[i].Weights) && a.Layers[i].Biases.SequenceEqual(b.Layers[i].Biases));
