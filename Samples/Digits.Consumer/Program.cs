using System;
using SlthGen;
using SlthGen.Samples.DigitsTicket;

// Usage: Digits.Consumer path/to/digits-test.npz
var test = NpzArchive.ReadFile(args.Length > 0 ? args[0] : "digits-test.npz");
long[] x = test["x"].ToInt64Array(), y = test["y"].ToInt64Array();
var pixels = new int[DigitsTicket.InputCount];
int correct = 0;
for (int i = 0; i < y.Length; i++)
{
    for (int j = 0; j < pixels.Length; j++)
    {
        pixels[j] = (int)x[(i * pixels.Length) + j];
    }

    correct += DigitsTicket.Predict(pixels) == y[i] ? 1 : 0;
}

var verification = DigitsTicket.Verify();
Console.WriteLine($"DigitsTicket from the package: {correct}/{y.Length} test images correct ({100.0 * correct / y.Length:0.00}%)");
Console.WriteLine(verification);
return verification.Passed && correct > y.Length * 9 / 10 ? 0 : 1;
