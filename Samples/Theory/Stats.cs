using System;
using System.Collections.Generic;
using System.Linq;

namespace SlthGen.Samples.Reproduction;

/// <summary>Small statistics helpers.</summary>
internal static class Stats
{
    /// <summary>The standard error √(p(1−p)/N) of a proportion p.</summary>
    public static double StandardError(double p, int count) => Math.Sqrt(p * (1 - p) / count);

    /// <summary>
    /// The standard error of a measured proportion x/N, with p smoothed to (x + 1)/(N + 2) so that
    /// 0 of N and N of N still carry an uncertainty (about 1/N) instead of none.
    /// </summary>
    public static double ProportionError(int successes, int count) => StandardError((successes + 1.0) / (count + 2.0), count);

    /// <summary>min, median and max.</summary>
    public static (double Min, double Median, double Max) Spread(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        int h = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
        return (sorted[0], median, sorted[^1]);
    }

    /// <summary>
    /// The x at which a decreasing series first falls below <paramref name="level"/>, by linear
    /// interpolation between the last point at or above it and the next point (NaN if it never does).
    /// </summary>
    public static double FirstCrossingDown(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double level)
    {
        for (int i = 0; i + 1 < ys.Count; i++)
        {
            if (ys[i] >= level && ys[i + 1] < level)
            {
                return xs[i] + ((xs[i + 1] - xs[i]) * (ys[i] - level) / (ys[i] - ys[i + 1]));
            }
        }

        return double.NaN;
    }

    /// <summary>The x at which an increasing series first reaches <paramref name="level"/> (interpolated; NaN if never).</summary>
    public static double FirstCrossingUp(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double level)
    {
        if (ys.Count > 0 && ys[0] >= level)
        {
            return xs[0];
        }

        for (int i = 0; i + 1 < ys.Count; i++)
        {
            if (ys[i] < level && ys[i + 1] >= level)
            {
                return xs[i] + ((xs[i + 1] - xs[i]) * (level - ys[i]) / (ys[i + 1] - ys[i]));
            }
        }

        return double.NaN;
    }

    /// <summary>Linear interpolation of the series at x (NaN outside it).</summary>
    public static double Interpolate(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x)
    {
        for (int i = 0; i + 1 < xs.Count; i++)
        {
            if (xs[i] <= x && x <= xs[i + 1])
            {
                return ys[i] + ((ys[i + 1] - ys[i]) * (x - xs[i]) / (xs[i + 1] - xs[i]));
            }
        }

        return double.NaN;
    }

    /// <summary>The slope of the segment of the series that contains x (NaN outside it).</summary>
    public static double Slope(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x)
    {
        for (int i = 0; i + 1 < xs.Count; i++)
        {
            if (xs[i] <= x && x <= xs[i + 1])
            {
                return (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
            }
        }

        return double.NaN;
    }

    /// <summary>The least-squares line y = slope·x + intercept.</summary>
    public static (double Slope, double Intercept) LinearFit(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        double mx = xs.Average(), my = ys.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }

        double slope = sxy / sxx;
        return (slope, my - (slope * mx));
    }

    /// <summary>The root of an increasing function on [lo, hi] by bisection (NaN if the bracket has no sign change).</summary>
    public static double Bisect(Func<double, double> f, double lo, double hi)
    {
        if (f(lo) > 0 || f(hi) < 0)
        {
            return double.NaN;
        }

        for (int i = 0; i < 200 && hi - lo > 1e-9; i++)
        {
            double mid = (lo + hi) / 2;
            if (f(mid) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }
}
