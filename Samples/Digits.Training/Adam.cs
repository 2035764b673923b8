using System;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// Adam (Kingma and Ba) over a fixed list of parameter arrays, with optional decoupled weight
/// decay (AdamW). Bias corrections use running products of β1 and β2, never Math.Pow, so every
/// step is plain IEEE arithmetic plus the correctly rounded <see cref="Math.Sqrt"/>.
/// </summary>
internal sealed class Adam
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly double[][] _parameters;
    private readonly double[][] _m;
    private readonly double[][] _v;
    private readonly bool[] _decay;
    private double _beta1Power = 1.0;
    private double _beta2Power = 1.0;

    public Adam(double[][] parameters, bool[] decay)
    {
        _parameters = parameters;
        _decay = decay;
        _m = new double[parameters.Length][];
        _v = new double[parameters.Length][];
        for (int p = 0; p < parameters.Length; p++)
        {
            _m[p] = new double[parameters[p].Length];
            _v[p] = new double[parameters[p].Length];
        }
    }

    /// <summary>One step against the gradients <paramref name="gradients"/> (same layout as the parameters).</summary>
    public void Step(double[][] gradients, double learningRate, double weightDecay)
    {
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;
        double correction1 = 1.0 - _beta1Power;
        double correction2 = 1.0 - _beta2Power;
        for (int p = 0; p < _parameters.Length; p++)
        {
            var w = _parameters[p];
            var g = gradients[p];
            var m = _m[p];
            var v = _v[p];
            double decay = _decay[p] ? learningRate * weightDecay : 0.0;
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = (Beta1 * m[i]) + ((1.0 - Beta1) * g[i]);
                v[i] = (Beta2 * v[i]) + ((1.0 - Beta2) * g[i] * g[i]);
                double mHat = m[i] / correction1;
                double vHat = v[i] / correction2;
                w[i] -= (learningRate * mHat / (Math.Sqrt(vHat) + Epsilon)) + (decay * w[i]);
            }
        }
    }
}
