using System;
using SlthGen;
using SlthGen.Samples.MnistTicket;

// Usage: Mnist.Consumer path/to/mnist.npz (x: uint8 grey levels [n, 784], y: labels [n], as in
// Samples/Mnist.Training/Data/mnist.npz). Every grey level goes through MnistTicket.Quantize.
var images = NpzArchive.ReadFile(args.Length > 0 ? args[0] : "mnist.npz");
long[] x = images["x"].ToInt64Array(), y = images["y"].ToInt64Array();
var pixels = new int[MnistTicket.InputCount];
int correct = 0;
for (int i = 0; i < y.Length; i++)
{
    for (int j = 0; j < pixels.Length; j++)
    {
        pixels[j] = MnistTicket.Quantize((int)x[(i * pixels.Length) + j]);
    }

    correct += MnistTicket.Predict(pixels) == y[i] ? 1 : 0;
}

Console.WriteLine($"MnistTicket from the package: {correct:N0}/{y.Length:N0} images correct ({100.0 * correct / y.Length:0.00}%; all images, training split included)");
Console.WriteLine(MnistTicket.Ticket);
return correct > y.Length * 95 / 100 ? 0 : 1;
