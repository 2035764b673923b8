using System;
using System.Numerics;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// Trains the I-H-10 ReLU perceptron (64-32-10 on the UCI digits, 784-500-10 on MNIST) with
/// softmax cross-entropy and mini-batch Adam, fully deterministically: single-threaded double
/// arithmetic in a fixed order, initial weights and the per-epoch shuffles drawn from
/// <see cref="SeededRandom"/>, and a portable exp (<see cref="PortableMath"/>), so the same
/// options give bit-identical weights on every run.
/// </summary>
public static class MlpTrainer
{
    /// <summary>Trains on the training half of the default split (<see cref="DigitsData.Load(long)"/>) with the default options and <paramref name="seed"/>.</summary>
    public static MlpModel Train(long seed) => Train(DigitsData.Load().Train, TrainingOptions.Default with { Seed = seed });

    /// <summary>
    /// Trains a float model on <paramref name="train"/>.
    /// Initialisation, from <c>new SeededRandom(options.Seed)</c> in this order: W1 row-major,
    /// each uniform in ±√(6/I) (He; I = pixels per image), then W2 row-major, each uniform in
    /// ±√(6/(H+10)) (Glorot);
    /// biases start at 0. Each epoch then shuffles the image order (Fisher–Yates, same stream) and
    /// takes one Adam step per mini-batch on the mean gradient, the step size falling linearly
    /// from <see cref="TrainingOptions.LearningRate"/> to 0 over the run.
    /// </summary>
    /// <param name="train">The training images.</param>
    /// <param name="options">The hyper-parameters (null: <see cref="TrainingOptions.Default"/>).</param>
    public static MlpModel Train(DigitsSet train, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        options ??= TrainingOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HiddenCount, 1, nameof(options));
        var random = new SeededRandom(options.Seed);
        int inputs = train.PixelCount;
        int hidden = options.HiddenCount;
        int outputs = DigitsData.ClassCount;
        var w1 = Uniform(random, hidden * inputs, Math.Sqrt(6.0 / inputs));
        var w2 = Uniform(random, outputs * hidden, Math.Sqrt(6.0 / (hidden + outputs)));
        var network = new Backprop(inputs, hidden, outputs, w1, new double[hidden], w2, new double[outputs], quantised: false, temperature: 1.0);
        network.Train(train, random, options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay);
        return network.ToModel();
    }

    private static double[] Uniform(SeededRandom random, int count, double limit)
    {
        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = ((2.0 * PortableMath.NextUnit(random)) - 1.0) * limit;
        }

        return result;
    }
}

/// <summary>
/// The forward and backward pass shared by float training and quantisation-aware fine-tuning.
/// In quantised mode the forward pass is the target's: weights rounded to multiples of 1/16 in
/// [-1, 1], hidden activations floored to 1/16, inputs pixel/16 (every value then is a dyadic
/// rational with a small denominator, so these double sums are exact); the gradient passes the
/// rounding and the floor unchanged (straight-through estimator) and the float shadow weights
/// are kept in [-1, 1]. The logits are multiplied by <c>temperature</c> before the softmax.
/// </summary>
/// <remarks>
/// W1 is held transposed ([input][hidden]) so that the first layer runs as one
/// <see cref="Vector{T}"/> axpy over the hidden units per non-zero pixel, forward and backward.
/// This is what makes 784-500-10 fast (about 80% of MNIST's pixels are 0), and it computes
/// exactly what the plain row-by-row loops compute, bit for bit: hidden unit j still starts at
/// b1[j] and adds w·x in increasing input order; a zero pixel only ever adds ±0 to a non-zero sum
/// or to +0 (gradients start at +0 and never become −0), which changes nothing; vector lanes do
/// the same IEEE multiply and add per element as scalar code (the JIT never fuses them), whatever
/// the vector width; and Adam, rounding and clamping are element-wise, so the layout of W1 does
/// not matter to them.
/// </remarks>
internal sealed class Backprop
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _outputs;
    private readonly double[][] _parameters; // W1ᵀ [input][hidden], b1, W2 [output][hidden], b2
    private readonly double[][] _effective;
    private readonly double[][] _gradients;
    private readonly bool _quantised;
    private readonly double _temperature;

    public Backprop(int inputs, int hidden, int outputs, double[] w1, double[] b1, double[] w2, double[] b2, bool quantised, double temperature)
    {
        _inputs = inputs;
        _hidden = hidden;
        _outputs = outputs;
        _parameters = new[] { Transpose(w1, hidden, inputs), b1, w2, b2 };
        _effective = quantised ? new[] { new double[w1.Length], new double[b1.Length], new double[w2.Length], new double[b2.Length] } : _parameters;
        _gradients = new[] { new double[w1.Length], new double[b1.Length], new double[w2.Length], new double[b2.Length] };
        _quantised = quantised;
        _temperature = temperature;
    }

    public MlpModel ToModel() => new(_inputs, _hidden, _outputs, Transpose(_parameters[0], _inputs, _hidden), _parameters[1], _parameters[2], _parameters[3]);

    public void Train(DigitsSet train, SeededRandom random, int epochs, int batchSize, double learningRate, double weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        if (train.PixelCount != _inputs)
        {
            throw new ArgumentException($"The network has {_inputs} inputs; the images have {train.PixelCount} pixels.", nameof(train));
        }

        var adam = new Adam(_parameters, new[] { true, false, true, false });
        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        int batches = (train.Count + batchSize - 1) / batchSize;
        long totalSteps = (long)epochs * batches;
        long step = 0;
        var work = new Workspace(_inputs, _hidden, _outputs);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = (int)random.NextBelow((ulong)i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            for (int start = 0; start < order.Length; start += batchSize)
            {
                int end = Math.Min(start + batchSize, order.Length);
                UpdateEffective();
                foreach (var g in _gradients)
                {
                    Array.Clear(g);
                }

                for (int s = start; s < end; s++)
                {
                    Accumulate(train.Image(order[s]), train.Label(order[s]), work);
                }

                double scale = 1.0 / (end - start);
                foreach (var g in _gradients)
                {
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] *= scale;
                    }
                }

                double rate = learningRate * (totalSteps - step) / totalSteps;
                adam.Step(_gradients, rate, weightDecay);
                step++;
                if (_quantised)
                {
                    foreach (var p in _parameters)
                    {
                        for (int i = 0; i < p.Length; i++)
                        {
                            p[i] = Math.Clamp(p[i], -1.0, 1.0);
                        }
                    }
                }
            }
        }
    }

    private static double[] Transpose(double[] matrix, int rows, int columns)
    {
        var result = new double[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = matrix[(r * columns) + c];
            }
        }

        return result;
    }

    // y[k] += a·x[k] for every k, element by element (a vector multiply, then a vector add).
    private static void AddScaled(Span<double> y, ReadOnlySpan<double> x, double a)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            for (; k <= y.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var vy = new Vector<double>(y[k..]);
                (vy + (new Vector<double>(x[k..]) * va)).CopyTo(y[k..]);
            }
        }

        for (; k < y.Length; k++)
        {
            y[k] += x[k] * a;
        }
    }

    private void UpdateEffective()
    {
        if (!_quantised)
        {
            return;
        }

        for (int p = 0; p < _parameters.Length; p++)
        {
            for (int i = 0; i < _parameters[p].Length; i++)
            {
                _effective[p][i] = Quantizer.RoundWeight(_parameters[p][i]) / (double)QuantizedMlp.One;
            }
        }
    }

    private void Accumulate(ReadOnlySpan<byte> pixels, int label, Workspace work)
    {
        var w1t = _effective[0];
        var b1 = _effective[1];
        var w2 = _effective[2];
        var b2 = _effective[3];
        var x = work.X;
        var active = work.ActiveInputs;
        var a = work.A;
        var h = work.H;
        var dh = work.Dh;
        var z = work.Z;
        int count = 0;
        for (int i = 0; i < _inputs; i++)
        {
            x[i] = pixels[i] / (double)DigitsData.MaxPixel;
            if (pixels[i] != 0)
            {
                active[count++] = i;
            }
        }

        // a = b1 + W1·x, as Σ over the non-zero inputs in increasing order of x_i · (column i of W1).
        b1.AsSpan().CopyTo(a);
        for (int n = 0; n < count; n++)
        {
            int i = active[n];
            AddScaled(a, w1t.AsSpan(i * _hidden, _hidden), x[i]);
        }

        for (int j = 0; j < _hidden; j++)
        {
            double relu = a[j] > 0 ? a[j] : 0;
            h[j] = _quantised ? Math.Floor(relu * QuantizedMlp.One) / QuantizedMlp.One : relu;
        }

        double max = double.NegativeInfinity;
        for (int k = 0; k < _outputs; k++)
        {
            double sum = b2[k];
            int row = k * _hidden;
            for (int j = 0; j < _hidden; j++)
            {
                sum += w2[row + j] * h[j];
            }

            z[k] = _temperature * sum;
            max = Math.Max(max, z[k]);
        }

        double total = 0;
        for (int k = 0; k < _outputs; k++)
        {
            z[k] = PortableMath.Exp(z[k] - max);
            total += z[k];
        }

        // z becomes dL/d(output) = τ·(softmax − onehot).
        for (int k = 0; k < _outputs; k++)
        {
            z[k] = _temperature * ((z[k] / total) - (k == label ? 1.0 : 0.0));
        }

        var gw1t = _gradients[0];
        var gb1 = _gradients[1];
        var gw2 = _gradients[2];
        var gb2 = _gradients[3];
        Array.Clear(dh);
        for (int k = 0; k < _outputs; k++)
        {
            double g = z[k];
            gb2[k] += g;
            AddScaled(gw2.AsSpan(k * _hidden, _hidden), h, g);
            AddScaled(dh, w2.AsSpan(k * _hidden, _hidden), g);
        }

        // Through the ReLU: units with a ≤ 0 pass no gradient (their dh becomes +0, and adding
        // +0·x to a gradient changes nothing, so they need no branch in the axpy below).
        for (int j = 0; j < _hidden; j++)
        {
            if (a[j] > 0)
            {
                gb1[j] += dh[j];
            }
            else
            {
                dh[j] = 0.0;
            }
        }

        for (int n = 0; n < count; n++)
        {
            int i = active[n];
            AddScaled(gw1t.AsSpan(i * _hidden, _hidden), dh, x[i]);
        }
    }

    private sealed class Workspace
    {
        public Workspace(int inputs, int hidden, int outputs)
        {
            X = new double[inputs];
            ActiveInputs = new int[inputs];
            A = new double[hidden];
            H = new double[hidden];
            Dh = new double[hidden];
            Z = new double[outputs];
        }

        public double[] X { get; }

        public int[] ActiveInputs { get; }

        public double[] A { get; }

        public double[] H { get; }

        public double[] Dh { get; }

        public double[] Z { get; }
    }
}
