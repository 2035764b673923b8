using System;
using System.IO;
using System.Linq;
using SlthGen;
using SlthGen.Samples.Digits;
using SlthGen.Samples.Digits.Training;

// 1. Train and quantise (deterministic), and check that this is the network compiled into the ticket.
var build = DigitsPipeline.Run();
var test = build.Split.Test;
Console.WriteLine($"trained 64-32-10 in {build.TrainingTime.TotalSeconds:0.0} s (+{build.FineTuneTime.TotalSeconds:0.0} s quantisation-aware fine-tuning)");
Console.WriteLine($"  float accuracy         {Evaluation.Of(build.FloatModel, test)}  (test split, 450 images)");
bool same = SameWeights(build.Target.ToTargetNetwork(), Digits.TargetNetwork);
Console.WriteLine($"  quantised to δt = 2^-4: {(same ? "identical to digits-4bit.npz, the file the ticket was built from" : "DIFFERS from digits-4bit.npz: rerun Samples/Digits.Training with --out")}");

// 2. The target (reference) and the ticket, on the test split.
var target = Evaluation.Of(Digits.EvaluateReference, test);
var ticket = Evaluation.Of(Digits.Evaluate, test);
bool identical = Evaluation.Predict(Digits.EvaluateReference, test).SequenceEqual(Evaluation.Predict(Digits.Evaluate, test));
Console.WriteLine($"  target accuracy        {target}");
Console.WriteLine($"  ticket accuracy        {ticket}  ({(identical ? "same prediction on every image" : "PREDICTIONS DIFFER")})");
Console.WriteLine();

// 3. The ticket's report and its proof.
Console.WriteLine(Digits.Ticket);
var verification = Digits.Verify();
Console.WriteLine("  " + verification);
Console.WriteLine();

// 4. Throughput of the ticket (scalar and SIMD batch) and of the reference.
var inputs = test.ToInt32Inputs();
Console.WriteLine("inference throughput (test images, one core):");
Console.WriteLine($"  ticket Evaluate                  {Throughput(inputs, (x, y) => Digits.Evaluate(x, y), null),12:N0} images/s");
Console.WriteLine($"  ticket EvaluateBatch             {Throughput(inputs, null, Digits.EvaluateBatch),12:N0} images/s");
Console.WriteLine($"  reference EvaluateReference      {Throughput(inputs, (x, y) => Digits.EvaluateReference(x, y), null),12:N0} images/s");
Console.WriteLine($"  reference EvaluateReferenceBatch {Throughput(inputs, null, Digits.EvaluateReferenceBatch),12:N0} images/s");

if (args is ["--export", var path])
{
    using var file = File.Create(path);
    TicketFile.Write(Digits.InterpretedTicket, file);
    Console.WriteLine($"wrote {path} (docs/ticket-format.md)");
}

return same && identical && verification.Passed ? 0 : 1;

static double Throughput(int[] inputs, NetworkEvaluator? scalar, NetworkEvaluator? batch) =>
    SlthGen.Samples.Digits.Training.Throughput.Measure(inputs, Digits.InputCount, Digits.OutputCount, scalar, batch);

static bool SameWeights(TargetNetwork a, TargetNetwork b) =>
    a.Layers.Count == b.Layers.Count && Enumerable.Range(0, a.Layers.Count).All(i =>
        a.Layers[i].Weights.SequenceEqual(b.Layers[i].Weights) && a.Layers[i].Biases.SequenceEqual(b.Layers[i].Biases));
